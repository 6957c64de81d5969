package no.nabolag.core.time;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A time as a fixed-width UTC string with milliseconds ("2026-11-28T21:00:00.000Z"). Instant.toString drops a
 * zero fraction, and then "…:00Z" sorts after "…:00.5Z"; sort keys (the feed's) and stored times need one width.
 */
public final class SortableTime {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SortableTime() {
    }

    public static String format(Instant instant) {
        return TIME.format(instant);
    }
}
