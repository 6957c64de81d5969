package no.nabolag.core.delivery;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A device's daily quiet window in its own time zone, e.g. 22:00-07:00. The window may wrap midnight;
 * start is inclusive, end exclusive; start == end means no quiet hours.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    /** Parses "HH:mm" pairs; empty when either is missing or malformed (a bad value never blocks a push). */
    public static Optional<QuietHours> parse(String start, String end) {
        if (start == null || end == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new QuietHours(LocalTime.parse(start), LocalTime.parse(end)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public boolean contains(LocalTime time) {
        if (start.equals(end)) {
            return false;
        }
        if (start.isBefore(end)) {
            return !time.isBefore(start) && time.isBefore(end);
        }
        return !time.isBefore(start) || time.isBefore(end);
    }

    /** When the window that contains {@code now} ends, or empty if {@code now} is outside quiet hours. */
    public Optional<Instant> endOfWindowContaining(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        if (!contains(local.toLocalTime())) {
            return Optional.empty();
        }
        ZonedDateTime candidate = ZonedDateTime.of(local.toLocalDate(), end, zone);
        if (!candidate.toInstant().isAfter(now)) {
            candidate = ZonedDateTime.of(local.toLocalDate().plusDays(1), end, zone);
        }
        return Optional.of(candidate.toInstant());
    }
}
