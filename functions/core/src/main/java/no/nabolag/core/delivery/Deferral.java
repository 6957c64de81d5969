package no.nabolag.core.delivery;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** A push held back until its device's quiet hours end, stored under the UTC minute it becomes due. */
public record Deferral(String minute, String postId, Recipient recipient) {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
            .withZone(ZoneOffset.UTC);

    /** The minute key of an instant, e.g. "2026-11-28T06:00" (UTC). */
    public static String minuteOf(Instant instant) {
        return MINUTE.format(instant.truncatedTo(ChronoUnit.MINUTES));
    }

    public static Instant instantOf(String minute) {
        return java.time.LocalDateTime.parse(minute).toInstant(ZoneOffset.UTC);
    }
}
