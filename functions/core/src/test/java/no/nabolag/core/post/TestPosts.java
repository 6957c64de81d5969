package no.nabolag.core.post;

import java.time.Instant;
import java.util.List;

/** Posts as the publisher form or the console builds them, for unit tests. */
public final class TestPosts {
    private TestPosts() {
    }

    /**
     * A post of Bydel Frogner to Frogner and Sagene, created at {@code at} in the given state. An ACCEPTED one is due
     * at {@code at}; a SCHEDULED one sits in the status index at its publishAt.
     */
    public static Post post(String postId, PostStatus status, Instant publishAt, Instant at) {
        Instant publishedAt = status == PostStatus.ACCEPTED ? at : null;
        Instant statusAt = status == PostStatus.SCHEDULED ? publishAt : at;
        return new Post(postId, "oslo", "district:frogner", "Bydel Frogner", List.of("frogner", "sagene"),
                List.of("roads-water"), "Vannet stenges", "Fra kl. 10.", null, null, null, false, publishAt, null,
                at, publishedAt, status, statusAt, null, List.of(new StateChange(status, at, "link:l1", null)), null);
    }
}
