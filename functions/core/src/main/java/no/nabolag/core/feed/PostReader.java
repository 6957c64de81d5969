package no.nabolag.core.feed;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Reads posts for the feeds (read-only; the post lifecycle belongs to core.post). */
public interface PostReader {
    Optional<FeedPost> find(String postId);

    /** The posts that exist, by id. */
    Map<String, FeedPost> findAll(Collection<String> postIds);
}
