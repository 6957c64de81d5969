package no.nabolag.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A device's daily quiet window in its own time zone, e.g. 22:00-07:00. The window may wrap midnight;
 * start is inclusive, end exclusive; start == end means no quiet hours. "In the window" is about the wall clock the
 * resident sees, so on the night a clock is turned back the window can last an hour longer, and it can end early
 * when the clock jumps past its end.
 */
public record QuietHours(LocalTime start, LocalTime end) {
    /** Far enough ahead to contain the end of any window (at most a day, plus a clock change). */
    private static final Duration HORIZON = Duration.ofDays(3);

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
     * the window; {@code ZonedDateTime.of} alone would take the wrong one of two 02:30s in autumn.
     */
    public Optional<Instant> endOfWindowContaining(Instant now, ZoneId zone) {
        if (!contains(now, zone)) {
            return Optional.empty();
        }
        ZoneRules rules = zone.getRules();
        Instant horizon = now.plus(HORIZON);
        List<Instant> candidates = new ArrayList<>();
        LocalDate today = now.atZone(zone).toLocalDate();
        for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(3)); day = day.plusDays(1)) {
            LocalDateTime wallClockEnd = day.atTime(end);
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
