package no.nabolag.core.organization;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Posts per link per clock hour (UTC), counted with a conditional update on {@code RATE#<linkId>/<hour>}.
 * The item's ttl (a day after the hour) is for clean-up only; correctness never depends on it.
 */
public final class LinkRateLimit {
    public static final int DEFAULT_POSTS_PER_HOUR = 30;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private final OrganizationStore store;
    private final int postsPerHour;
    private final Clock clock;

    public LinkRateLimit(OrganizationStore store, int postsPerHour, Clock clock) {
        this.store = store;
        this.postsPerHour = postsPerHour;
        this.clock = clock;
    }

    /** Takes one post from this hour's allowance; false when the allowance is used up. */
    public boolean tryAcquire(String linkId) {
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        long ttl = hour.plus(1, ChronoUnit.DAYS).getEpochSecond();
        return store.countIfBelow(linkId, HOUR.format(hour), postsPerHour, ttl);
    }

    public int postsPerHour() {
        return postsPerHour;
    }
}
