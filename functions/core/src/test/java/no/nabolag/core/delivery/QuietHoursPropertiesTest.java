package no.nabolag.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import no.nabolag.core.device.QuietHours;

/**
 * Over random windows, zones and instants (half of them within hours of a clock change of the zone): a push is never
 * released inside the resident's window, and is deferred to the first whole minute after it.
 */
class QuietHoursPropertiesTest {
    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream().sorted()
            .filter(z -> !z.startsWith("SystemV")).toList();
    private static final Instant FROM = Instant.parse("1990-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2060-01-01T00:00:00Z");

    record Case(QuietHours window, ZoneId zone, Instant now) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<LocalTime> times = Arbitraries.integers().between(0, 24 * 60 - 1)
                .map(minute -> LocalTime.of(minute / 60, minute % 60));
        Arbitrary<QuietHours> windows = Combinators.combine(times, times).as(QuietHours::new);
        Arbitrary<ZoneId> zones = Arbitraries.of(ZONES).map(ZoneId::of);
        Arbitrary<Long> seconds = Arbitraries.longs().between(FROM.getEpochSecond(), TO.getEpochSecond());
        Arbitrary<Long> offsets = Arbitraries.longs().between(-6 * 3600, 6 * 3600);
        return Combinators.combine(windows, zones, seconds, offsets, Arbitraries.of(true, false))
                .as((window, zone, second, offset, nearChange) -> {
                    Instant now = Instant.ofEpochSecond(second);
                    ZoneOffsetTransition change = zone.getRules().nextTransition(now);
                    if (nearChange && change != null) {
                        now = change.getInstant().plusSeconds(offset);
                    }
                    return new Case(window, zone, now);
                });
    }

    /**
     * A window lasts less than a day plus an hour or two of clock change, unless a clock jump skips the minutes
     * between two windows (a window ending at a midnight that does not exist, as in Casablanca on 2008-06-01): then
     * the clock never shows a free minute that night and the two windows are one, up to two days.
     */
    private static Duration longestWindow(ZoneId zone, Instant now) {
        ZoneOffsetTransition change = zone.getRules().nextTransition(now);
        boolean jumpAhead = change != null && change.isGap()
                && change.getInstant().isBefore(now.plus(Duration.ofHours(26)));
        return jumpAhead ? Duration.ofHours(50) : Duration.ofHours(26);
    }

    @Property(tries = 1000)
    void aDeferredPushLeavesAtTheFirstMinuteAfterTheWindowAndNeverInsideIt(@ForAll("cases") Case c) {
        Optional<Instant> end = c.window().endOfWindowContaining(c.now(), c.zone());

        if (!c.window().contains(c.now(), c.zone())) {
            assertThat(end).as("outside the window a push is not deferred").isEmpty();
            return;
        }
        assertThat(end).isPresent();
        Instant windowEnd = end.get();
        assertThat(windowEnd).isAfter(c.now()).isBefore(c.now().plus(longestWindow(c.zone(), c.now())));
        assertThat(c.window().contains(windowEnd, c.zone())).as("the window is over at its end").isFalse();
        // Never inside before it: every minute from now to the end (and the last second before it) is quiet.
        for (Instant t = c.now(); t.isBefore(windowEnd); t = t.plus(Duration.ofMinutes(1))) {
            assertThat(c.window().contains(t, c.zone())).as("quiet at %s", t).isTrue();
        }
        assertThat(c.window().contains(windowEnd.minusSeconds(1), c.zone())).isTrue();
        // The push is stored under the first whole UTC minute at or after the end, which is outside the window.
        Instant minute = Deferral.instantOf(Deferral.minuteAtOrAfter(windowEnd));
        assertThat(minute).isAfterOrEqualTo(windowEnd).isBefore(windowEnd.plus(Duration.ofMinutes(1)));
        assertThat(c.window().contains(minute, c.zone())).isFalse();
    }

    @Example
    void aWindowWhoseFreeMinuteIsSkippedByAClockJumpRunsOnIntoTheNextDay() {
        // Casablanca skipped 2008-06-01 00:00-01:00; the window 00:01-00:00 leaves only 00:00-00:01 free, so the
        // resident's clock never showed a free minute that night: the push waits for the next night's 00:00.
        QuietHours window = new QuietHours("00:01", "00:00");
        ZoneId casablanca = ZoneId.of("Africa/Casablanca");

        Optional<Instant> end = window.endOfWindowContaining(Instant.parse("2008-05-31T21:00:00Z"), casablanca);

        assertThat(end).contains(Instant.parse("2008-06-01T23:00:00Z"));
        assertThat(window.contains(Instant.parse("2008-06-01T00:00:00Z"), casablanca)).isTrue();
    }
}
