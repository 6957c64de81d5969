package no.nabolag.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scheduler's quiet-hours duty: hand each passed minute of deferred pushes to delivery, once it has passed. */
class DeferralReleaseTest {
    private static final Instant NOW = Instant.parse("2026-11-28T06:00:30Z");
    private final Fakes.Ledger ledger = new Fakes.Ledger();
    private final Fakes.Queue queue = new Fakes.Queue();
    private final DeferralRelease release = new DeferralRelease(ledger, queue, Clock.fixed(NOW, ZoneOffset.UTC));

    private void deferredAt(String minute) {
        ledger.defer(List.of(new Deferral(minute, "p1",
                new Recipient("d-" + minute, "arn:endpoint", "ANDROID", "nb", "frogner"))));
    }

    private List<String> handedOver() {
        return queue.sent.stream().map(DeliveryTask::minute).toList();
    }

    @Test
    void aFirstRunHandsOverTheLastHoursPassedMinutesAndSetsTheWatermark() {
        // Arrange
        deferredAt("2026-11-28T05:30");
        deferredAt("2026-11-28T03:00"); // older than the first look-back
        deferredAt("2026-11-28T06:00"); // the minute now running

        // Act
        List<String> minutes = release.release();

        // Assert
        assertThat(minutes).containsExactly("2026-11-28T05:30");
        assertThat(handedOver()).containsExactly("2026-11-28T05:30");
        assertThat(ledger.deferralWatermark()).hasValue("2026-11-28T05:59");
    }

    @Test
    void theMinuteNowRunningWaitsForTheNextRun() {
        // Arrange: a push deferred to this very minute may still get company
        deferredAt("2026-11-28T06:00");

        // Act
        List<String> minutes = release.release();

        // Assert
        assertThat(minutes).isEmpty();
        assertThat(queue.sent).isEmpty();
    }

    @Test
    void aRunLooksBackAFewMinutesBeforeTheWatermarkAndSkipsMinutesAlreadyDelivered() {
        // Arrange
        ledger.watermark = Optional.of("2026-11-28T05:58");
        deferredAt("2026-11-28T05:50"); // before watermark - overlap: handed over long ago
        deferredAt("2026-11-28T05:55"); // inside the overlap, written just as its minute was handed over
        deferredAt("2026-11-28T05:56"); // inside the overlap, and already delivered to its last page
        deferredAt("2026-11-28T05:59");
        ledger.recordPage(DeliveryTask.deferred("2026-11-28T05:56").progressKey(),
                new DeliveryLedger.PageRecord(0, null), Figures.ZERO);

        // Act
        List<String> minutes = release.release();

        // Assert
        assertThat(minutes).containsExactly("2026-11-28T05:55", "2026-11-28T05:59");
        assertThat(ledger.deferralWatermark()).hasValue("2026-11-28T05:59");
    }

    @Test
    void aWatermarkFromLongAgoIsCaughtUpOverAtMostADay() {
        // Arrange: the scheduler was off for three days
        ledger.watermark = Optional.of("2026-11-25T06:00");
        deferredAt("2026-11-26T12:00"); // more than a day back
        deferredAt("2026-11-27T12:00");

        // Act
        List<String> minutes = release.release();

        // Assert
        assertThat(minutes).containsExactly("2026-11-27T12:00");
        assertThat(ledger.deferralWatermark()).hasValue("2026-11-28T05:59");
    }

    @Test
    void theWatermarkNeverMovesBack() {
        // Arrange: another run got further already
        ledger.watermark = Optional.of("2026-11-28T06:10");

        // Act
        release.release();

        // Assert
        assertThat(ledger.deferralWatermark()).hasValue("2026-11-28T06:10");
    }

    @Test
    void deliveryOfAMinuteIsOneTaskForThatMinute() {
        // Arrange
        deferredAt("2026-11-28T05:45");

        // Act
        release.release();

        // Assert
        assertThat(queue.sent).singleElement().satisfies(task -> {
            assertThat(task.kind()).isEqualTo(DeliveryTask.DEFERRED);
            assertThat(task.minute()).isEqualTo("2026-11-28T05:45");
            assertThat(DeliveryTask.parse(task.toJson())).isEqualTo(task);
        });
    }
}
