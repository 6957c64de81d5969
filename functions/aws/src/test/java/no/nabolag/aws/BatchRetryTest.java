package no.nabolag.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import no.nabolag.core.delivery.Backoff;
import org.junit.jupiter.api.Test;

/** The batch retry policy: only leftovers again, with a pause between calls, and a bounded number of calls. */
class BatchRetryTest {
    private final List<Duration> pauses = new ArrayList<>();
    private final BatchRetry retry = BatchRetry.withBackoff(
            new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), BatchRetry.MAX_ATTEMPTS, pauses::add));
    private final List<List<String>> calls = new ArrayList<>();

    @Test
    void aBatchTakenWholeIsSentOnceWithoutWaiting() {
        // Act
        retry.untilDone("items", List.of("a", "b"), batch -> {
            calls.add(batch);
            return List.of();
        });

        // Assert
        assertThat(calls).containsExactly(List.of("a", "b"));
        assertThat(pauses).isEmpty();
    }

    @Test
    void onlyTheLeftoversAreSentAgainAfterAPause() {
        // Act: the first call leaves "b" and "c", the second "c"
        retry.untilDone("items", List.of("a", "b", "c"), batch -> {
            calls.add(batch);
            return batch.subList(1, batch.size());
        });

        // Assert
        assertThat(calls).containsExactly(List.of("a", "b", "c"), List.of("b", "c"), List.of("c"));
        assertThat(pauses).hasSize(2).allSatisfy(p -> assertThat(p).isBetween(Duration.ZERO, Duration.ofSeconds(2)));
    }

    @Test
    void whatIsStillLeftAfterTheLastAttemptFailsTheCall() {
        // Act + Assert
        assertThatThrownBy(() -> retry.untilDone("subscription writes", List.of("a"), batch -> {
            calls.add(batch);
            return batch;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("subscription writes");
        assertThat(calls).hasSize(BatchRetry.MAX_ATTEMPTS);
        assertThat(pauses).hasSize(BatchRetry.MAX_ATTEMPTS - 1);
    }
}
