package no.nabolag.core.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the catalog per container for a short time, so a request costs no catalog read; a change made
 * through catalog administration is visible everywhere within the TTL (at most 30 s).
 */
public final class CachedCatalogStore implements CatalogStore {
    public static final Duration MAX_TTL = Duration.ofSeconds(30);
    private final CatalogStore delegate;
    private final Duration ttl;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private record Snapshot(Catalog catalog, Instant expires) {
    }

    public CachedCatalogStore(CatalogStore delegate, Duration ttl, Clock clock) {
        if (ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("Catalog cache TTL must be at most " + MAX_TTL);
        }
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Catalog load() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current == null || !now.isBefore(current.expires())) {
            // Two threads may both reload at expiry; that costs one extra scan, never a wrong answer.
            current = new Snapshot(delegate.load(), now.plus(ttl));
            snapshot = current;
        }
        return current.catalog();
    }
}
