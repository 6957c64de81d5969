package no.nabolag.core.post;

import no.nabolag.core.time.SortableTime;

/** Writes and removes a post's feed entries (FeedTable); reading the feeds is the resident API's job. */
public interface FeedStore {

    /** One entry per district of the post; idempotent, keyed by the post's fixed publishedAt. */
    void addEntries(Post post);

    /** Removes the post from every district feed (withdrawal). */
    void removeEntries(Post post);

    /** The sort key of a feed entry: newest first under a descending query. */
    static String feedKey(Post post) {
        return SortableTime.format(post.publishedAt()) + "#" + post.postId();
    }
}
