package no.nabolag.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nabolag.core.catalog.Catalog;
import no.nabolag.core.catalog.Category;
import no.nabolag.core.catalog.District;
import no.nabolag.core.catalog.Tenant;
import no.nabolag.core.device.Device;
import no.nabolag.core.device.Platform;
import no.nabolag.core.device.QuietHours;
import no.nabolag.core.error.FieldError;
import org.junit.jupiter.api.Test;

class SubscriptionServiceTest {
    private static final Catalog CATALOG = new Catalog(
            List.of(new Tenant("oslo", "Oslo", "nb", "Europe/Oslo")),
            List.of(new District("oslo", "frogner", "Frogner", Map.of(), false),
                    new District("oslo", "sagene", "Sagene", Map.of(), false),
                    new District("oslo", "old", "Old", Map.of(), true)),
            List.of(new Category("oslo", "youth", Map.of("nb", "Ungdom"), Map.of(), 1, false),
                    new Category("oslo", "seniors", Map.of("nb", "Seniorer"), Map.of(), 2, false),
                    new Category("oslo", "gone", Map.of(), Map.of(), 3, true)));
    private static final Device DEVICE = new Device("dev1", "hash", Platform.IOS, "tok", "arn:1", "nb", "Europe/Oslo",
            new QuietHours("22:00", "07:00"), true, "t", "t");

    @Test
    void validationNamesUnknownRetiredAndRepeatedDistrictsAndCategories() {
        Subscriptions desired = new Subscriptions(List.of(
                new SubscriptionChoice("frogner", List.of("youth", "nope")),
                new SubscriptionChoice("atlantis", List.of("youth")),
                new SubscriptionChoice("old", List.of("youth")),
                new SubscriptionChoice("frogner", List.of("gone")),
                new SubscriptionChoice("sagene", List.of())), null);

        List<FieldError> errors = SubscriptionService.validate(desired, CATALOG);

        assertThat(errors).extracting(FieldError::field).containsExactly(
                "subscriptions[0].categories[1]", "subscriptions[1].districtId", "subscriptions[2].districtId",
                "subscriptions[3].districtId", "subscriptions[3].categories[0]", "subscriptions[4].categories");
        assertThat(errors.get(0).message()).contains("nope");
        assertThat(errors.get(1).message()).contains("atlantis");
    }

    @Test
    void aValidChoiceSetHasNoErrors() {
        assertThat(SubscriptionService.validate(new Subscriptions(List.of(
                new SubscriptionChoice("frogner", List.of("youth", "seniors"))), null), CATALOG)).isEmpty();
    }

    @Test
    void planPutsChangedItemsWithTheWholeChoiceSetAndDeletesDroppedDistricts() {
        // Arrange: stored frogner{youth} and sagene{youth}; wanted frogner{youth, seniors} and nothing in sagene.
        var stored = SubscriptionService.plan(DEVICE, SubscriptionService.targets(
                Map.of("frogner", "oslo", "sagene", "oslo"),
                Map.of("frogner", Set.of("youth"), "sagene", Set.of("youth"))), Map.of(), 16).puts();
        Map<String, SubscriptionItem> existing = new HashMap<>();
        stored.forEach(i -> existing.put(i.districtId(), i));

        // Act
        var plan = SubscriptionService.plan(DEVICE, SubscriptionService.targets(Map.of("frogner", "oslo"),
                Map.of("frogner", Set.of("youth", "seniors"))), existing, 16);

        // Assert
        assertThat(plan.deletes()).containsExactly("sagene");
        assertThat(plan.puts()).singleElement().satisfies(item -> {
            assertThat(item.categories()).containsExactly("seniors", "youth");
            assertThat(item.choices()).isEqualTo(Map.of("frogner", List.of("seniors", "youth")));
            assertThat(item.audienceShard()).isEqualTo(AudienceShard.key("frogner", "dev1", 16));
            assertThat(item.quietHours()).isEqualTo(new QuietHours("22:00", "07:00"));
            assertThat(item.endpointArn()).isEqualTo("arn:1");
        });
    }

    @Test
    void planIsEmptyWhenNothingChanged() {
        var targets = SubscriptionService.targets(Map.of("frogner", "oslo"), Map.of("frogner", Set.of("youth")));
        var first = SubscriptionService.plan(DEVICE, targets, Map.of(), 16).puts();

        var again = SubscriptionService.plan(DEVICE, targets, Map.of("frogner", first.get(0)), 16);

        assertThat(again.puts()).isEmpty();
        assertThat(again.deletes()).isEmpty();
    }

    @Test
    void aRetryAfterACrashMidwayCompletesTheReplacement() {
        // Arrange: an in-memory store that crashes after the puts, before the deletes.
        InMemoryStore store = new InMemoryStore();
        var service = new SubscriptionService(store, new NoDevices(), 16, java.time.Clock.systemUTC());
        service.replace(DEVICE, new Subscriptions(List.of(new SubscriptionChoice("frogner", List.of("youth")),
                new SubscriptionChoice("sagene", List.of("youth"))), DEVICE.quietHours()), CATALOG);
        Subscriptions wanted = new Subscriptions(List.of(new SubscriptionChoice("frogner", List.of("seniors"))),
                DEVICE.quietHours());
        store.failDeletes = true;
        try {
            service.replace(DEVICE, wanted, CATALOG);
        } catch (IllegalStateException expected) {
            // the crash
        }
        assertThat(store.items.keySet()).containsExactlyInAnyOrder("frogner", "sagene");

        // Act: the app retries the same request.
        store.failDeletes = false;
        Subscriptions result = service.replace(DEVICE, wanted, CATALOG);

        // Assert
        assertThat(result.subscriptions()).containsExactly(new SubscriptionChoice("frogner", List.of("seniors")));
        assertThat(store.items.get("frogner").choices()).isEqualTo(Map.of("frogner", List.of("seniors")));
    }

    @Test
    void quietHoursMustBeTwoDifferentTimes() {
        assertThat(SubscriptionService.validateQuietHours(new QuietHours("22:00", "07:00"), "q")).isEmpty();
        assertThat(SubscriptionService.validateQuietHours(new QuietHours("24:00", "7:00"), "q"))
                .extracting(FieldError::field).containsExactly("q.start", "q.end");
        assertThat(SubscriptionService.validateQuietHours(new QuietHours("08:00", "08:00"), "q"))
                .extracting(FieldError::field).containsExactly("q");
    }

    private static final class InMemoryStore implements SubscriptionStore {
        final Map<String, SubscriptionItem> items = new HashMap<>();
        boolean failDeletes;

        @Override
        public List<SubscriptionItem> findByDevice(String deviceId) {
            return new ArrayList<>(items.values());
        }

        @Override
        public void putAll(java.util.Collection<SubscriptionItem> puts) {
            puts.forEach(i -> items.put(i.districtId(), i));
        }

        @Override
        public void deleteAll(String deviceId, java.util.Collection<String> districtIds) {
            if (failDeletes) {
                throw new IllegalStateException("crash");
            }
            districtIds.forEach(items::remove);
        }
    }

    private static final class NoDevices implements no.nabolag.core.device.DeviceStore {
        @Override
        public java.util.Optional<Device> find(String deviceId) {
            return java.util.Optional.of(DEVICE);
        }

        @Override
        public boolean create(Device device) {
            return true;
        }

        @Override
        public boolean update(Device device) {
            return true;
        }

        @Override
        public void delete(String deviceId) {
        }
    }
}
