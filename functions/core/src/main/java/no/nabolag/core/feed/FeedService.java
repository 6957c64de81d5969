package no.nabolag.core.feed;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds: a district's public feed and a device's feed, which merges the districts it follows. Each district is one
 * descending Query (categories are filtered from its entries, never queried one by one); the slices are merged
 * newest first, a post published to several followed districts appears once, and only posts that are published,
 * unexpired and not scheduled for later are returned.
 */
public final class FeedService {
    private final FeedReader feed;
    private final PostReader posts;
    private final Clock clock;

    public FeedService(FeedReader feed, PostReader posts, Clock clock) {
        this.feed = feed;
        this.posts = posts;
        this.clock = clock;
    }

    /** A page of the merged feed of the districts, older than beforeKey (null: from the newest). */
    public FeedPage page(List<FeedQuery> queries, String beforeKey, int limit) {
        Instant now = clock.instant();
        List<FeedReader.Slice> slices = new ArrayList<>();
        for (FeedQuery query : queries) {
            slices.add(feed.read(query.districtId(), beforeKey, query.categories(), limit, now));
        }
        Merged merged = merge(slices, limit);
        Map<String, FeedPost> found = posts.findAll(merged.entries().stream().map(FeedEntry::postId).toList());
        List<FeedPost> visible = new ArrayList<>();
        for (FeedEntry entry : merged.entries()) {
            FeedPost post = found.get(entry.postId());
            // The feed entry said published; the post itself has the last word (e.g. withdrawn a moment ago).
            if (post != null && post.visibleAt(now)) {
                visible.add(post);
            }
        }
        return new FeedPage(visible, merged.nextKey());
    }

    /** The merged entries and the key to continue before (null when every district is read to its end). */
    record Merged(List<FeedEntry> entries, String nextKey) {
    }

    /**
     * Merges district slices newest first, one entry per post, at most limit. A slice that is not exhausted only
     * vouches for keys newer than its readUpTo, so entries older than the newest such bound wait for the next page.
     */
    static Merged merge(List<FeedReader.Slice> slices, int limit) {
        String bound = null;
        boolean more = false;
        for (FeedReader.Slice slice : slices) {
            if (!slice.exhausted()) {
                more = true;
                if (slice.readUpTo() != null && (bound == null || slice.readUpTo().compareTo(bound) > 0)) {
                    bound = slice.readUpTo();
                }
            }
        }
        Map<String, FeedEntry> byPost = new LinkedHashMap<>();
        slices.stream().flatMap(s -> s.entries().stream())
                .sorted(Comparator.comparing(FeedEntry::feedKey).reversed())
                .forEach(e -> byPost.putIfAbsent(e.postId(), e));
        List<FeedEntry> entries = new ArrayList<>();
        for (FeedEntry entry : byPost.values()) {
            if (bound != null && entry.feedKey().compareTo(bound) < 0) {
                break;
            }
            if (entries.size() == limit) {
                return new Merged(entries, entries.get(entries.size() - 1).feedKey());
            }
            entries.add(entry);
        }
        if (!more) {
            return new Merged(entries, null);
        }
        // Some district has older entries: continue before the last entry given, or before the bound if that is older.
        String next = entries.size() == limit ? entries.get(entries.size() - 1).feedKey() : bound;
        return new Merged(entries, next);
    }
}
