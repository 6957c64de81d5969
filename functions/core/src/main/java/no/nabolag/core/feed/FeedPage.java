package no.nabolag.core.feed;

import java.util.List;

/** One page of a feed, newest first; nextKey is the feed key to continue before, or null at the end. */
public record FeedPage(List<FeedPost> posts, String nextKey) {
    public FeedPage {
        posts = List.copyOf(posts);
    }
}
