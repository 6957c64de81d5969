package no.nabolag.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Exponential backoff with full jitter: a random wait between zero and min(cap, base * 2^attempt). */
class BackoffTest {
    private static final Duration BASE = Duration.ofMillis(100);
    private static final Duration CAP = Duration.ofSeconds(10);
    private final List<Duration> slept = new ArrayList<>();
    private final Backoff backoff = new Backoff(BASE, CAP, 10, slept::add);

    @Test
    void aWaitNeverExceedsTheDoubledBaseOrTheCap() {
        for (int attempt = 0; attempt <= 40; attempt++) {
            // Arrange
            long ceiling = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(attempt, 20));

            for (int draw = 0; draw < 200; draw++) {
                // Act
                Duration delay = backoff.delay(attempt);

                // Assert
                assertThat(delay.toMillis()).as("attempt %d", attempt).isBetween(0L, ceiling);
            }
        }
    }

    @Test
    void theWaitIsSpreadOverTheWholeRangeSoRetriesDoNotMarchInStep() {
        // Act: the ceiling of attempt 3 is 800 ms
        Set<Long> delays = new HashSet<>();
        IntStream.range(0, 500).forEach(i -> delays.add(backoff.delay(3).toMillis()));

        // Assert
        assertThat(delays).hasSizeGreaterThan(100);
        assertThat(delays.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(400);
        assertThat(delays.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(400);
    }

    @Test
    void pauseWaitsThroughTheSleeperForThatAttemptsDelay() {
        // Act
        backoff.pause(0);
        backoff.pause(50);

        // Assert
        assertThat(slept).hasSize(2);
        assertThat(slept.get(0)).isBetween(Duration.ZERO, BASE);
        assertThat(slept.get(1)).isBetween(Duration.ZERO, CAP);
    }

    @Test
    void anInterruptedPauseFailsAndKeepsTheInterrupt() {
        // Arrange
        Backoff interrupted = new Backoff(BASE, CAP, 10, d -> {
            throw new InterruptedException("shutting down");
        });

        // Act + Assert
        try {
            assertThatThrownBy(() -> interrupted.pause(1)).isInstanceOf(IllegalStateException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted(); // clear it for the next test on this thread
        }
    }

    @Test
    void theStandardPolicyRetriesTenTimesWithinTenSeconds() {
        // Act
        Backoff standard = Backoff.standard();

        // Assert
        assertThat(standard.maxRetries()).isEqualTo(10);
        assertThat(standard.delay(100)).isLessThanOrEqualTo(Duration.ofSeconds(10));
    }
}
