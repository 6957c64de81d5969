package no.nabolag.core.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Test
    void aWindowWithinADayContainsItsStartButNotItsEnd() {
        QuietHours quiet = new QuietHours(LocalTime.of(13, 0), LocalTime.of(15, 0));

        assertThat(quiet.contains(LocalTime.of(13, 0))).isTrue();
        assertThat(quiet.contains(LocalTime.of(14, 59))).isTrue();
        assertThat(quiet.contains(LocalTime.of(15, 0))).isFalse();
        assertThat(quiet.contains(LocalTime.of(12, 59))).isFalse();
    }

    @Test
    void aWindowMayWrapMidnight() {
        QuietHours quiet = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));

        assertThat(quiet.contains(LocalTime.of(23, 30))).isTrue();
        assertThat(quiet.contains(LocalTime.of(0, 0))).isTrue();
        assertThat(quiet.contains(LocalTime.of(6, 59))).isTrue();
        assertThat(quiet.contains(LocalTime.of(7, 0))).isFalse();
        assertThat(quiet.contains(LocalTime.of(12, 0))).isFalse();
    }

    @Test
    void equalStartAndEndMeansNoQuietHours() {
        assertThat(new QuietHours(LocalTime.of(8, 0), LocalTime.of(8, 0)).contains(LocalTime.of(8, 0))).isFalse();
    }

    @Test
    void theWindowEndsTheNextMorningInTheDevicesZone() {
        QuietHours quiet = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));
        Instant lateEvening = Instant.parse("2026-11-28T22:30:00Z"); // 23:30 in Oslo (UTC+1)

        assertThat(quiet.endOfWindowContaining(lateEvening, OSLO))
                .contains(Instant.parse("2026-11-29T06:00:00Z"));
    }

    @Test
    void theWindowEndsTheSameMorningAfterMidnight() {
        QuietHours quiet = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));
        Instant night = Instant.parse("2026-11-29T01:00:00Z"); // 02:00 in Oslo

        assertThat(quiet.endOfWindowContaining(night, OSLO)).contains(Instant.parse("2026-11-29T06:00:00Z"));
    }

    @Test
    void outsideTheWindowThereIsNothingToWaitFor() {
        QuietHours quiet = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));

        assertThat(quiet.endOfWindowContaining(Instant.parse("2026-11-28T12:00:00Z"), OSLO)).isEmpty();
    }

    @Test
    void malformedTimesMeanNoQuietHours() {
        assertThat(QuietHours.parse("25:00", "07:00")).isEmpty();
        assertThat(QuietHours.parse(null, "07:00")).isEmpty();
        assertThat(QuietHours.parse("22:00", "07:00")).contains(new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0)));
    }
}
