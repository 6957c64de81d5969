package no.nabolag.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeferralTest {
    @Test
    void aPushIsDeferredToTheFirstWholeMinuteAtOrAfterTheEndOfTheWindow() {
        assertThat(Deferral.minuteAtOrAfter(Instant.parse("2026-11-29T06:00:00Z"))).isEqualTo("2026-11-29T06:00");
        assertThat(Deferral.minuteAtOrAfter(Instant.parse("2026-11-29T06:00:00.001Z"))).isEqualTo("2026-11-29T06:01");
    }

    @Test
    void aMinutesDeferralsAreKeyedByMinuteAndShard() {
        assertThat(Deferral.partition("2026-11-29T06:00", 7)).isEqualTo("DEFER#2026-11-29T06:00#07");
        assertThat(Deferral.shardOf("device-1", 32)).isBetween(0, 31);
    }
}
