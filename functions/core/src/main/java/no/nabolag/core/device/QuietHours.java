package no.nabolag.core.device;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The local time span in which a device wants no pushes, e.g. 22:00 to 07:00 (may wrap midnight).
 * Times are "HH:mm" in the device's time zone; start equal to end is not a span and is refused.
 */
public record QuietHours(String start, String end) {
    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    /** Parses "HH:mm" strictly (two digits each, 00:00-23:59); empty when it is not such a time. */
    public static Optional<LocalTime> parseTime(String value) {
        if (value == null || !HH_MM.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalTime.parse(value, DateTimeFormatter.ofPattern("HH:mm")));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Whether a local time falls in the quiet span [start, end). */
    public boolean contains(LocalTime time) {
        LocalTime s = parseTime(start).orElseThrow();
        LocalTime e = parseTime(end).orElseThrow();
        return s.isBefore(e) ? !time.isBefore(s) && time.isBefore(e) : !time.isBefore(s) || time.isBefore(e);
    }
}
