package no.nabolag.core.post;

import java.time.Instant;

/** How a post's delivery went: devices matched, sent to, failed, disabled and deferred, and push times. */
public record DeliveryFigures(long matched, long sent, long failed, long disabled, long deferred,
                              Instant firstPushAt, Instant lastPushAt) {
    public static final DeliveryFigures NONE = new DeliveryFigures(0, 0, 0, 0, 0, null, null);
}
