package no.nabolag.core.config;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value computed once, on first use, and kept for the life of the container (e.g. signing keys read from Secrets
 * Manager, so a handler's constructor makes no call that a local test or a SnapStart snapshot would not want).
 * Thread-safe (double-checked on a volatile field). A failed or null computation is not kept: the next call tries again.
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<? extends T> loader;
    private volatile T value;

    private Lazy(Supplier<? extends T> loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    public static <T> Lazy<T> of(Supplier<? extends T> loader) {
        return new Lazy<>(loader);
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = loader.get();
                    value = v;
                }
            }
        }
        return v;
    }
}
