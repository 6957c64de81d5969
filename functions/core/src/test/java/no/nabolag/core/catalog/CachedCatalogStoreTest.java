package no.nabolag.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedCatalogStoreTest {
    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-28T20:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
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

    @Test
    void theCatalogIsReadOncePerTtlAndChangesShowAfterIt() {
        AtomicInteger loads = new AtomicInteger();
        CatalogStore source = () -> new Catalog(List.of(new Tenant("t" + loads.incrementAndGet(), "T", "nb", "Europe/Oslo")),
                List.of(), List.of());
        MovableClock clock = new MovableClock();
        CachedCatalogStore cached = new CachedCatalogStore(source, Duration.ofSeconds(20), clock);

        assertThat(cached.load().tenants().get(0).tenantId()).isEqualTo("t1");
        clock.now = clock.now.plusSeconds(19);
        assertThat(cached.load().tenants().get(0).tenantId()).isEqualTo("t1");
        clock.now = clock.now.plusSeconds(1);
        assertThat(cached.load().tenants().get(0).tenantId()).isEqualTo("t2");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aTtlOverThirtySecondsIsRefused() {
        assertThatThrownBy(() -> new CachedCatalogStore(() -> null, Duration.ofSeconds(31), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesFallBackToTheTenantsDefaultLanguage() {
        Category c = new Category("t", "youth", Map.of("nb", "Ungdom"), Map.of("nb", "For unge", "en", "For the young"),
                1, false);

        assertThat(c.name("en", "nb")).isEqualTo("Ungdom");
        assertThat(c.description("en", "nb")).isEqualTo("For the young");
        assertThat(c.name(null, "nb")).isEqualTo("Ungdom");
    }
}
