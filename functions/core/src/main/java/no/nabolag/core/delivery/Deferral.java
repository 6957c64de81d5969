package no.nabolag.core.delivery;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import no.nabolag.core.subscription.AudienceShard;

/**
 * A push held back until its device's quiet hours end, stored under the UTC minute it becomes due and the device's
 * deferral shard ({@link #shardOf}), so that one minute's deferrals are spread over {@code DeferralShards} keys and
 * released by as many delivery tasks in parallel.
 */
public record Deferral(String minute, int shard, String postId, Recipient recipient) {
    public static final int DEFAULT_SHARDS = 32;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
            .withZone(ZoneOffset.UTC);

    /** The minute key of an instant, e.g. "2026-11-28T06:00" (UTC), the minute it falls in. */
    public static String minuteOf(Instant instant) {
        return MINUTE.format(instant.truncatedTo(ChronoUnit.MINUTES));
    }

    /** The first whole minute at or after an instant: a push deferred to it is never sent before the instant. */
    public static String minuteAtOrAfter(Instant instant) {
        Instant minute = instant.truncatedTo(ChronoUnit.MINUTES);
        return minuteOf(minute.equals(instant) ? minute : minute.plus(1, ChronoUnit.MINUTES));
    }

    public static Instant instantOf(String minute) {
        return LocalDateTime.parse(minute).toInstant(ZoneOffset.UTC);
    }

    /** The device's deferral shard: the same hash as its audience shard, over the deferral shard count. */
    public static int shardOf(String deviceId, int shards) {
        return AudienceShard.of(deviceId, Math.max(1, shards));
    }

    /** The partition of a minute's deferrals in one shard: {@code DEFER#<minute>#<NN>}. */
    public static String partition(String minute, int shard) {
        return "DEFER#" + AudienceShard.key(minute, shard);
    }

    /** This push's id in a page's handled set: {@code <postId>#<deviceId>}. */
    public String handledId() {
        return postId + "#" + recipient.deviceId();
    }
}
