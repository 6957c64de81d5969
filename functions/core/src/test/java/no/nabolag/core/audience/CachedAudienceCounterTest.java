package no.nabolag.core.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachedAudienceCounterTest {
    private final MovableClock clock = new MovableClock();
    private final List<AudienceQuery> reads = new ArrayList<>();
    /** Answers with a size that grows with every read, so a cached answer is distinguishable from a new one. */
    private final AudienceCounter index = query -> {
        reads.add(query);
        return new AudienceSize(reads.size(), List.of());
    };
    private final CachedAudienceCounter counter = new CachedAudienceCounter(index, Duration.ofSeconds(30), clock);

    @Test
    void theSameAudienceIsReadOnceWithinTheCacheTimeWhateverTheOrderOfIds() {
        AudienceSize first = counter.count(new AudienceQuery(List.of("frogner", "sagene"), List.of("youth", "roads"), false));
        clock.advance(Duration.ofSeconds(29));
        AudienceSize again = counter.count(new AudienceQuery(List.of("sagene", "frogner"), List.of("roads", "youth"), true));

        assertThat(again).isEqualTo(first);
        assertThat(reads).hasSize(1);
    }

    @Test
    void aCountIsReadAgainOnceTheCacheTimeHasPassed() {
        AudienceQuery query = new AudienceQuery(List.of("frogner"), List.of("youth"), false);
        counter.count(query);
        clock.advance(Duration.ofSeconds(30));

        assertThat(counter.count(query).total()).isEqualTo(2);
        assertThat(reads).hasSize(2);
    }

    @Test
    void anotherAudienceIsCountedOnItsOwn() {
        counter.count(new AudienceQuery(List.of("frogner"), List.of("youth"), false));
        counter.count(new AudienceQuery(List.of("frogner"), List.of("seniors"), false));

        assertThat(reads).hasSize(2);
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-02T17:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
