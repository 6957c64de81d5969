package no.nabolag.core.device;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A device's daily quiet window in its own time zone, e.g. 22:00 to 07:00: "HH:mm" times, start inclusive, end
 * exclusive; the window may wrap midnight. The API refuses malformed times and start equal to end
 * ({@code SubscriptionService.validateQuietHours}); delivery treats a window it cannot read, or start equal to end,
 * as none, so a bad stored value never blocks a push. "In the window" is about the wall clock the resident sees, so on
 * the night a clock is turned back the window can last an hour longer, and it ends early when the clock jumps past
 * its end.
 */
public record QuietHours(String start, String end) {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    /** Far enough ahead to contain the end of any window (at most a day, plus a clock change). */
    private static final Duration HORIZON = Duration.ofDays(3);

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

    /** Whether an instant falls in the window on the wall clock of the zone. */
    public boolean contains(Instant instant, ZoneId zone) {
        return contains(instant.atZone(zone).toLocalTime());
    }

    /**
     * When the window that contains {@code now} ends: the first instant after {@code now} at which the device's wall
     * clock is outside the window. Empty if {@code now} is outside quiet hours.
     *
     * <p>Between clock changes the wall clock runs forward without jumps, so it can leave the window only where it
     * reaches {@code end} (once, or twice on a night the clock is turned back) or at a clock change (a jump over
     * {@code end}, or back to before {@code start}). The answer is the earliest of those moments that is outside
     * the window; {@code ZonedDateTime.of} alone would take the wrong one of two 02:30s in autumn and hold a push
     * 24 hours too long.
     */
    public Optional<Instant> endOfWindowContaining(Instant now, ZoneId zone) {
        if (!contains(now, zone)) {
            return Optional.empty();
        }
        LocalTime to = parseTime(end).orElseThrow();
        ZoneRules rules = zone.getRules();
        Instant horizon = now.plus(HORIZON);
        List<Instant> candidates = new ArrayList<>();
        LocalDate today = now.atZone(zone).toLocalDate();
        for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(3)); day = day.plusDays(1)) {
            LocalDateTime wallClockEnd = day.atTime(to);
            List<ZoneOffset> offsets = rules.getValidOffsets(wallClockEnd);
            if (offsets.isEmpty()) {
                // In a gap: the clock jumps over the end at the transition.
                candidates.add(rules.getTransition(wallClockEnd).getInstant());
            }
            offsets.forEach(offset -> candidates.add(wallClockEnd.toInstant(offset)));
        }
        for (ZoneOffsetTransition t = rules.nextTransition(now); t != null && t.getInstant().isBefore(horizon);
             t = rules.nextTransition(t.getInstant())) {
            candidates.add(t.getInstant());
        }
        return candidates.stream()
                .filter(candidate -> candidate.isAfter(now) && !contains(candidate, zone))
                .min(Instant::compareTo);
    }
}
