package no.nabolag.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import no.nabolag.core.device.EndpointState;
import no.nabolag.core.device.InMemoryDevices;
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
    private static final Device DEVICE = new Device("dev1", "default", "hash", Platform.IOS, "tok", "t", "arn:1", "k",
            EndpointState.READY, "nb", "Europe/Oslo", new QuietHours("22:00", "07:00"), true, "2026-11-28", "t", "t",
            false);

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
        InMemoryDevices devices = new InMemoryDevices();
        devices.create(DEVICE);
        var service = new SubscriptionService(store, devices, 16, new CountedShards(), java.time.Clock.systemUTC());
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

    @Test
    void noItemIsWrittenOnceTheDevicesErasureBegan() {
        InMemoryStore store = new InMemoryStore();
        InMemoryDevices devices = new InMemoryDevices();
        devices.create(DEVICE);
        var service = new SubscriptionService(store, devices, 16, new CountedShards(), java.time.Clock.systemUTC());
        devices.markErasing(DEVICE.deviceId(), "now");

        assertThatThrownBy(() -> service.replace(DEVICE, new Subscriptions(List.of(
                new SubscriptionChoice("frogner", List.of("youth"))), null), CATALOG))
                .isInstanceOf(no.nabolag.core.error.UnauthorizedException.class);
        assertThat(store.items).isEmpty();
    }

    @Test
    void itemsAreWrittenAgainWhenTheDeviceChangedWhileTheyWereWritten() {
        // Arrange: the endpoint worker stores the device's endpoint while its items are being put.
        InMemoryDevices devices = new InMemoryDevices();
        devices.create(DEVICE);
        InMemoryStore store = new InMemoryStore() {
            @Override
            public void putAll(java.util.Collection<SubscriptionItem> puts) {
                super.putAll(puts);
                devices.endpointReady(DEVICE.deviceId(), DEVICE.pushToken(), "arn:2", "k2", "t2");
            }
        };
        CountedShards shards = new CountedShards();
        var service = new SubscriptionService(store, devices, 16, shards, java.time.Clock.systemUTC());

        // Act
        service.replace(DEVICE, new Subscriptions(List.of(new SubscriptionChoice("frogner", List.of("youth"))),
                DEVICE.quietHours()), CATALOG);
        service.rewrite(DEVICE);

        // Assert
        assertThat(store.items.get("frogner").endpointArn()).isEqualTo("arn:2");
        assertThat(store.items.get("frogner").appId()).isEqualTo("default");
        assertThat(devices.writers.get(DEVICE.deviceId())).isZero();
        assertThat(shards.stored).isEqualTo(16);
        assertThat(shards.records).as("recorded once per container").isEqualTo(1);
    }

    @Test
    void aDeviceRewriteDoesNotUndoChoicesWrittenAfterItReadTheItems() {
        // Arrange: the device follows frogner and sagene (youth); while the endpoint worker's rewrite has read the
        // items, the resident's PUT drops frogner and chooses seniors in sagene
        InMemoryDevices devices = new InMemoryDevices();
        devices.create(DEVICE);
        var store = new InMemoryStore() {
            Runnable afterRead = () -> { };

            @Override
            public List<SubscriptionItem> findByDevice(String deviceId) {
                List<SubscriptionItem> read = super.findByDevice(deviceId);
                Runnable concurrentPut = afterRead;
                afterRead = () -> { };
                concurrentPut.run();
                return read;
            }
        };
        var service = new SubscriptionService(store, devices, 16, new CountedShards(), java.time.Clock.systemUTC());
        service.replace(DEVICE, new Subscriptions(List.of(new SubscriptionChoice("frogner", List.of("youth")),
                new SubscriptionChoice("sagene", List.of("youth"))), DEVICE.quietHours()), CATALOG);
        store.afterRead = () -> service.replace(DEVICE, new Subscriptions(List.of(
                new SubscriptionChoice("sagene", List.of("seniors"))), DEVICE.quietHours()), CATALOG);
        Device withNewEndpoint = devices.endpointReady(DEVICE.deviceId(), DEVICE.pushToken(), "arn:2", "k2", "t2")
                .orElseThrow();

        // Act
        service.rewrite(withNewEndpoint);

        // Assert
        assertThat(store.items).containsOnlyKeys("sagene");
        assertThat(store.items.get("sagene").categories()).containsExactly("seniors");
        assertThat(store.items.get("sagene").endpointArn()).isEqualTo("arn:2");
    }

    @Test
    void readersReadEveryShardItemsMayBeIn() {
        assertThat(AudienceShardCount.toRead(8, 16)).isEqualTo(16);
        assertThat(AudienceShardCount.toRead(32, 16)).isEqualTo(32);
        assertThat(AudienceShardCount.toRead(16, 0)).isEqualTo(16);
    }

    private static class InMemoryStore implements SubscriptionStore {
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
        public void copyDeviceFields(java.util.Collection<SubscriptionItem> updates) {
            updates.forEach(u -> items.computeIfPresent(u.districtId(), (district, stored) -> new SubscriptionItem(
                    stored.deviceId(), district, stored.tenantId(), u.appId(), stored.categories(), stored.choices(),
                    u.audienceShard(), u.platform(), u.endpointArn(), u.locale(), u.timeZone(), u.quietHours(),
                    u.active())));
        }

        @Override
        public void deleteAll(String deviceId, java.util.Collection<String> districtIds) {
            if (failDeletes) {
                throw new IllegalStateException("crash");
            }
            districtIds.forEach(items::remove);
        }
    }

    /** The stored shard count in memory. */
    static final class CountedShards implements AudienceShardCount {
        int stored;
        int records;

        @Override
        public void record(int shards) {
            records++;
            stored = Math.max(stored, shards);
        }

        @Override
        public int stored() {
            return stored;
        }
    }
}
