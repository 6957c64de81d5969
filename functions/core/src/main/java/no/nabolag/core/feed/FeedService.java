package no.nabolag.core.feed;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Feeds: a district's public feed and a device's feed, which merges the districts it follows. Each district is one
 * descending Query (categories are filtered from its entries, never queried one by one); the slices are merged
 * newest first, a post published to several followed districts appears once, and only posts that are published,
 * unexpired and not scheduled for later are returned. The districts of a device are queried in parallel on the given
 * executor (the last one on the calling thread); the merge does not depend on the order the slices arrive in.
 */
public final class FeedService {
    private final FeedReader feed;
    private final PostReader posts;
    private final Clock clock;
    private final Executor executor;

    /** Queries the districts one after another on the calling thread. */
    public FeedService(FeedReader feed, PostReader posts, Clock clock) {
        this(feed, posts, clock, Runnable::run);
    }

    /** Queries the districts in parallel on executor (a small shared pool; the feed reader must be thread-safe). */
    public FeedService(FeedReader feed, PostReader posts, Clock clock, Executor executor) {
        this.feed = feed;
        this.posts = posts;
        this.clock = clock;
        this.executor = executor;
    }

    /** A page of the merged feed of the districts, older than beforeKey (null: from the newest). */
    public FeedPage page(List<FeedQuery> queries, String beforeKey, int limit) {
        Instant now = clock.instant();
        List<FeedReader.Slice> slices = read(queries, beforeKey, limit, now);
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

    /**
     * One slice per query, in the queries' order: all but the last on the executor, the last on this thread meanwhile
     * (with the direct executor that is simply one after another, in order).
     */
    private List<FeedReader.Slice> read(List<FeedQuery> queries, String beforeKey, int limit, Instant now) {
        if (queries.isEmpty()) {
            return List.of();
        }
        List<CompletableFuture<FeedReader.Slice>> others = new ArrayList<>();
        for (FeedQuery query : queries.subList(0, queries.size() - 1)) {
            others.add(CompletableFuture.supplyAsync(
                    () -> feed.read(query.districtId(), beforeKey, query.categories(), limit, now), executor));
        }
        FeedQuery last = queries.get(queries.size() - 1);
        FeedReader.Slice lastSlice = feed.read(last.districtId(), beforeKey, last.categories(), limit, now);
        List<FeedReader.Slice> slices = new ArrayList<>();
        for (CompletableFuture<FeedReader.Slice> other : others) {
            try {
                slices.add(other.join());
            } catch (CompletionException e) {
                // Rethrow what the reader threw (e.g. a DynamoDbException), as the sequential path would.
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
        slices.add(lastSlice);
        return slices;
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
