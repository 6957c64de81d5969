package no.nabolag.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A worker's state (its pace) is its own, and the threads that work its batch share it. */
class PerWorkerTest {
    private final AtomicInteger created = new AtomicInteger();
    private final PerWorker<Integer> pace = new PerWorker<>(created::incrementAndGet);

    @Test
    void threadsWorkingABatchOnBehalfOfAWorkerUseThatWorkersStateNotTheirOwn() throws Exception {
        ExecutorService batch = Executors.newFixedThreadPool(4);
        try {
            Integer workers = pace.get();

            Integer[] seen = new Integer[8];
            CompletableFuture<?>[] tasks = new CompletableFuture<?>[seen.length];
            for (int i = 0; i < seen.length; i++) {
                int index = i;
                tasks[i] = CompletableFuture.runAsync(PerWorker.onBehalfOf(() -> seen[index] = pace.get()), batch);
            }
            CompletableFuture.allOf(tasks).join();

            assertThat(seen).containsOnly(workers);
            assertThat(created).hasValue(1);
        } finally {
            batch.shutdown();
        }
    }

    @Test
    void twoWorkersHaveTwoStatesAndAThreadAloneIsItsOwnWorker() throws Exception {
        Integer first = pace.get();
        Integer[] other = new Integer[1];
        Thread second = new Thread(() -> other[0] = pace.get());
        second.start();
        second.join();

        assertThat(other[0]).isNotEqualTo(first);
        assertThat(pace.get()).isEqualTo(first);
        assertThat(created).hasValue(2);
    }
}
