package no.nabolag.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Pacing of pushes, on a clock the test owns: nothing sleeps and nothing is timed. */
class TokenBucketTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** The bucket's clock: waiting moves it on by exactly the time waited. */
    private long now = 1_000_000_000L;
    private final List<Long> waits = new ArrayList<>();

    private TokenBucket bucket(double ratePerSecond) {
        return new TokenBucket(ratePerSecond, () -> now, nanos -> {
            waits.add(nanos);
            now += nanos;
        });
    }

    private void acquire(TokenBucket bucket, int permits) {
        for (int i = 0; i < permits; i++) {
            bucket.acquire();
        }
    }

    @Test
    void aFullBucketGivesATenthOfASecondsWorthAtOnce() {
        // Arrange
        TokenBucket bucket = bucket(100);

        // Act
        acquire(bucket, 10);

        // Assert
        assertThat(waits).isEmpty();
    }

    @Test
    void beyondTheBurstEachPermitWaitsItsShareOfASecond() {
        // Arrange
        TokenBucket bucket = bucket(100);
        acquire(bucket, 10);

        // Act
        bucket.acquire();

        // Assert
        assertThat(waits).singleElement().satisfies(w -> assertThat(w).isCloseTo(10 * MS, within(MS / 1000)));
    }

    @Test
    void overAStretchOfTimeTheRateIsKept() {
        // Arrange
        TokenBucket bucket = bucket(100);
        long start = now;

        // Act: a second and a tenth's worth of permits
        acquire(bucket, 110);

        // Assert: the burst came at once, the other 100 took one second
        assertThat(now - start).isCloseTo(1000 * MS, within(MS));
    }

    @Test
    void idleTimeRefillsTheBucketOnlyUpToTheBurst() {
        // Arrange
        TokenBucket bucket = bucket(100);
        acquire(bucket, 10);
        now += TimeUnit.SECONDS.toNanos(60);

        // Act
        acquire(bucket, 11);

        // Assert: ten at once, the eleventh waits
        assertThat(waits).hasSize(1);
    }

    @Test
    void aSlowRateStillAllowsOnePermitAtOnce() {
        // Arrange
        TokenBucket bucket = bucket(2);

        // Act
        acquire(bucket, 2);

        // Assert
        assertThat(waits).singleElement().satisfies(w -> assertThat(w).isCloseTo(500 * MS, within(MS / 1000)));
    }

    @Test
    void aRateOfZeroOrLessTurnsPacingOff() {
        // Arrange
        TokenBucket off = bucket(0);
        TokenBucket negative = bucket(-5);

        // Act
        acquire(off, 10_000);
        acquire(negative, 10_000);

        // Assert
        assertThat(off.isUnlimited()).isTrue();
        assertThat(negative.isUnlimited()).isTrue();
        assertThat(TokenBucket.unlimited().isUnlimited()).isTrue();
        assertThat(waits).isEmpty();
    }
}
