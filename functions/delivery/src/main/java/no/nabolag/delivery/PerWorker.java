package no.nabolag.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * State that belongs to a delivery worker, such as its pace (token bucket). A worker is the thread that invokes the
 * handler: in Lambda the one invocation of a container, in the local stack one poller thread of the event source.
 * When a worker hands the tasks of a batch to other threads ({@link #onBehalfOf}), those threads use the worker's
 * state, so a batch worked concurrently still keeps the worker's share of the push rate.
 */
final class PerWorker<T> implements Supplier<T> {
    private static final ThreadLocal<Thread> WORKING_FOR = new ThreadLocal<>();

    private final Supplier<T> factory;
    private final Map<Thread, T> byWorker = new ConcurrentHashMap<>();

    PerWorker(Supplier<T> factory) {
        this.factory = factory;
    }

    /** The calling worker's state (created on first use). */
    @Override
    public T get() {
        Thread worker = WORKING_FOR.get();
        return byWorker.computeIfAbsent(worker != null ? worker : Thread.currentThread(), t -> factory.get());
    }

    /** The work, run on another thread as if by the calling worker. */
    static Runnable onBehalfOf(Runnable work) {
        Thread worker = WORKING_FOR.get() != null ? WORKING_FOR.get() : Thread.currentThread();
        return () -> {
            Thread previous = WORKING_FOR.get();
            WORKING_FOR.set(worker);
            try {
                work.run();
            } finally {
                WORKING_FOR.set(previous);
            }
        };
    }
}
