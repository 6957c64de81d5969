package no.nabolag.core.delivery;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Paces publishes to a rate. Hand-rolled (a dozen lines) rather than pulling Guava's RateLimiter or Bucket4j into the
 * Lambda jar. Permits are reserved ahead (the balance may go negative) so callers queue fairly; the burst is a tenth
 * of a second's worth, so that several workers sharing one account quota never overshoot it by much.
 * A rate of 0 or less turns pacing off.
 */
public final class TokenBucket implements PushPace {
    private final double ratePerNano;
    private final double capacity;
    private final boolean unlimited;
    private final LongSupplier nanoTime;
    private final LongConsumer parkNanos;
    private double tokens;
    private long last;

    public TokenBucket(double ratePerSecond) {
        this(ratePerSecond, System::nanoTime, LockSupport::parkNanos);
    }

    /** With a time source and a way to wait: a seam, so tests neither sleep nor measure time. */
    TokenBucket(double ratePerSecond, LongSupplier nanoTime, LongConsumer parkNanos) {
        this.unlimited = ratePerSecond <= 0;
        this.ratePerNano = ratePerSecond / TimeUnit.SECONDS.toNanos(1);
        this.capacity = Math.max(1.0, ratePerSecond / 10.0);
        this.nanoTime = nanoTime;
        this.parkNanos = parkNanos;
        this.tokens = capacity;
        this.last = nanoTime.getAsLong();
    }

    public static TokenBucket unlimited() {
        return new TokenBucket(0);
    }

    public boolean isUnlimited() {
        return unlimited;
    }

    /** Blocks until one permit is available. */
    @Override
    public void acquire() {
        acquire(1);
    }

    /** Blocks until {@code permits} permits are available (a batch of writes). */
    public void acquire(int permits) {
        if (unlimited || permits <= 0) {
            return;
        }
        long waitNanos = reserve(permits);
        while (waitNanos > 0) {
            long until = nanoTime.getAsLong() + waitNanos;
            parkNanos.accept(waitNanos);
            waitNanos = until - nanoTime.getAsLong();
        }
    }

    private synchronized long reserve(int permits) {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
        last = now;
        tokens -= permits;
        return tokens >= 0 ? 0 : (long) (-tokens / ratePerNano);
    }
}
