package no.nabolag.core.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter: a random wait in [0, min(cap, base * 2^attempt)]. */
public final class Backoff {
    /** Waits; a seam so tests do not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Duration base;
    private final Duration cap;
    private final int maxRetries;
    private final Sleeper sleeper;

    public Backoff(Duration base, Duration cap, int maxRetries, Sleeper sleeper) {
        this.base = base;
        this.cap = cap;
        this.maxRetries = maxRetries;
        this.sleeper = sleeper;
    }

    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 10,
                d -> Thread.sleep(d.toMillis()));
    }

    public int maxRetries() {
        return maxRetries;
    }

    public Duration delay(int attempt) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    public void pause(int attempt) {
        try {
            sleeper.sleep(delay(attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while backing off", e);
        }
    }
}
