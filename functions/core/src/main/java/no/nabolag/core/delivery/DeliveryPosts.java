package no.nabolag.core.delivery;

import java.time.Instant;
import java.util.Optional;

/** The Posts table as delivery sees it: the post to deliver and its delivery figures. */
public interface DeliveryPosts {
    /** A strongly consistent read (status changes such as a withdrawal must be seen at once). */
    Optional<DeliveryPost> find(String postId);

    /**
     * Adds to the post's figures atomically (ADD), sets firstPushAt if absent and moves lastPushAt forward.
     * @param firstPush the first push of this batch, or null when nothing was sent
     * @param lastPush  the last push of this batch, or null when nothing was sent
     */
    void addFigures(String postId, Figures figures, Instant firstPush, Instant lastPush);
}
