package no.nabolag.core.delivery;

import java.util.Optional;

/** The Posts table as delivery sees it: read only (delivery never writes the post item; figures have their own). */
public interface DeliveryPosts {
    /** A strongly consistent read (status changes such as a withdrawal must be seen at once). */
    Optional<DeliveryPost> find(String postId);
}
