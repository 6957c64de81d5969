package no.nabolag.core.device;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * A device's daily quiet window in its own time zone, e.g. 22:00 to 07:00: "HH:mm" times, start inclusive, end
 * exclusive; the window may wrap midnight. The API refuses malformed times and start equal to end
 * ({@code SubscriptionService.validateQuietHours}); delivery treats a window it cannot read, or start equal to end,
 * as none, so a bad stored value never blocks a push.
 */
public record QuietHours(String start, String end) {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    public QuietHours(LocalTime start, LocalTime end) {
        this(start.format(HH_MM), end.format(HH_MM));
    }

    /** Parses "HH:mm" strictly (two digits each, 00:00-23:59); empty when it is not such a time. */
    public static Optional<LocalTime> parseTime(String value) {
        // By hand rather than a formatter: delivery checks this for every device of a post.
        if (value == null || value.length() != 5 || value.charAt(2) != ':') {
            return Optional.empty();
        }
        int hour = twoDigits(value, 0);
        int minute = twoDigits(value, 3);
        return hour < 0 || hour > 23 || minute < 0 || minute > 59 ? Optional.empty()
                : Optional.of(LocalTime.of(hour, minute));
    }

    private static int twoDigits(String value, int at) {
        char tens = value.charAt(at);
        char ones = value.charAt(at + 1);
        return tens < '0' || tens > '9' || ones < '0' || ones > '9' ? -1 : (tens - '0') * 10 + (ones - '0');
    }

    /** Quiet hours from stored "HH:mm" values; empty when either is missing or malformed. */
    public static Optional<QuietHours> parse(String start, String end) {
        return parseTime(start).isPresent() && parseTime(end).isPresent()
                ? Optional.of(new QuietHours(start, end)) : Optional.empty();
    }

    /** Whether a local time falls in the quiet window [start, end); never when start equals end or either is bad. */
    public boolean contains(LocalTime time) {
        Optional<LocalTime> from = parseTime(start);
        Optional<LocalTime> to = parseTime(end);
        if (from.isEmpty() || to.isEmpty() || from.get().equals(to.get())) {
            return false;
        }
        LocalTime s = from.get();
        LocalTime e = to.get();
        return s.isBefore(e) ? !time.isBefore(s) && time.isBefore(e) : !time.isBefore(s) || time.isBefore(e);
    }

    /** When the window that contains {@code now} ends, or empty if {@code now} is outside quiet hours. */
    public Optional<Instant> endOfWindowContaining(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        if (!contains(local.toLocalTime())) {
            return Optional.empty();
        }
        LocalTime to = parseTime(end).orElseThrow();
        ZonedDateTime candidate = ZonedDateTime.of(local.toLocalDate(), to, zone);
        if (!candidate.toInstant().isAfter(now)) {
            candidate = ZonedDateTime.of(local.toLocalDate().plusDays(1), to, zone);
        }
        return Optional.of(candidate.toInstant());
    }
}
