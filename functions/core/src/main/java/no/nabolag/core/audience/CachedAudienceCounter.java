package no.nabolag.core.audience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each count for a short while (per set of districts and categories), so a desk editing a draft, or several
 * editors previewing the same districts, read the audience index once per {@code ttl} instead of on every preview.
 * A small map is enough: entries are few (one per draft audience in the last {@code ttl}) and expired ones are
 * dropped whenever a new count is stored.
 */
public final class CachedAudienceCounter implements AudienceCounter {
    private final AudienceCounter counter;
    private final Duration ttl;
    private final Clock clock;
    private final Map<AudienceQuery.Key, Entry> entries = new ConcurrentHashMap<>();

    public CachedAudienceCounter(AudienceCounter counter, Duration ttl, Clock clock) {
        this.counter = counter;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public AudienceSize count(AudienceQuery query) {
        Instant now = clock.instant();
        AudienceQuery.Key key = query.key();
        Entry entry = entries.get(key);
        if (entry != null && now.isBefore(entry.until())) {
            return entry.size();
        }
        AudienceSize size = counter.count(query);
        entries.values().removeIf(e -> !now.isBefore(e.until()));
        entries.put(key, new Entry(size, now.plus(ttl)));
        return size;
    }

    private record Entry(AudienceSize size, Instant until) {
    }
}
