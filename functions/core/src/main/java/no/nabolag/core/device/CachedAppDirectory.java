package no.nabolag.core.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keeps apps per container for a short time, like the catalog: a registration costs no read for a known app, and an
 * app created or retired through the admin API is seen within the TTL. Unknown ids are kept too (bounded), so a
 * client sending a wrong appId in a loop costs one read per TTL.
 */
public final class CachedAppDirectory implements AppDirectory {
    private static final int MAX_ENTRIES = 1_000;
    private final AppDirectory delegate;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(Optional<AppPlatforms> app, Instant expires) {
    }

    public CachedAppDirectory(AppDirectory delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Optional<AppPlatforms> find(String appId) {
        Instant now = clock.instant();
        Entry entry = entries.get(appId);
        if (entry == null || !now.isBefore(entry.expires())) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entry = new Entry(delegate.find(appId), now.plus(ttl));
            entries.put(appId, entry);
        }
        return entry.app();
    }
}
