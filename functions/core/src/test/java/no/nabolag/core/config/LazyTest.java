package no.nabolag.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {
    @Test
    void computesNothingUntilFirstUseAndThenOnlyOnce() {
        AtomicInteger loads = new AtomicInteger();
        Lazy<String> lazy = Lazy.of(() -> "keys#" + loads.incrementAndGet());

        assertThat(loads).hasValue(0);
        assertThat(lazy.get()).isEqualTo("keys#1");
        assertThat(lazy.get()).isEqualTo("keys#1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void aFailedLoadIsTriedAgainOnTheNextCall() {
        AtomicInteger loads = new AtomicInteger();
        Lazy<String> lazy = Lazy.of(() -> {
            if (loads.incrementAndGet() == 1) {
                throw new IllegalStateException("Secrets Manager unavailable");
            }
            return "keys";
        });

        assertThatThrownBy(lazy::get).hasMessage("Secrets Manager unavailable");
        assertThat(lazy.get()).isEqualTo("keys");
        assertThat(loads).hasValue(2);
    }

    @Test
    void threadsAskingAtOnceShareOneLoad() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Lazy<Object> lazy = Lazy.of(() -> {
            loads.incrementAndGet();
            return new Object();
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return lazy.get();
                }));
            }
            start.countDown();
            Object first = results.get(0).get();
            for (Future<Object> result : results) {
                assertThat(result.get()).isSameAs(first);
            }
            assertThat(loads).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
