package no.nabolag.core.device;

import no.nabolag.core.catalog.App;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceErasureTest {
    private final InMemoryDevices store = new InMemoryDevices();
    private final FakePushEndpoints sns = new FakePushEndpoints();
    private final InMemorySubscriptions subscriptions = new InMemorySubscriptions();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T20:15:00Z"), ZoneOffset.UTC);

    private Device owning(String id, String token) {
        Device d = Device.registered(id, App.DEFAULT_ID, "hash", Platform.ANDROID, token, "nb", "UTC",
                "2026-11-28T20:00:00Z", "2026-11-28");
        store.create(d);
        String key = TokenKeys.of(d);
        store.ownership.claim(key, id, d.tokenSince());
        String arn = sns.register("arn:app/GCM/nabolag-android", token);
        store.ownership.recordEndpoint(key, id, arn);
        store.endpointReady(id, token, arn, key, "t");
        return store.devices.get(id);
    }

    @Test
    void anEndpointAnotherDeviceNowOwnsIsNotDeleted() {
        // Arrange: "old" still points at the endpoint that "new" took over.
        Device old = owning("old", "tok-1");
        Device newer = Device.registered("new", App.DEFAULT_ID, "hash", Platform.ANDROID, "tok-1", "nb",
                "UTC", "2026-11-28T20:10:00Z", "2026-11-28");
        store.create(newer);
        store.ownership.claim(TokenKeys.of(newer), "new", newer.tokenSince());
        DeviceErasure erasure = new DeviceErasure(store, subscriptions, store, store.ownership, sns, clock, d -> { });

        // Act
        erasure.erase("old", "test");

        // Assert
        assertThat(store.devices).containsOnlyKeys("new");
        assertThat(sns.endpoints).containsKey(old.endpointArn());
        assertThat(store.owners.get(TokenKeys.of(newer)).deviceId()).isEqualTo("new");
    }

    @Test
    void writesOpenedBeforeTheTombstoneAreWaitedForAndNoneOpenAfterIt() {
        owning("d1", "tok-1");
        store.openWrites("d1", clock.instant().plusSeconds(5));
        List<Duration> waits = new ArrayList<>();
        DeviceErasure erasure = new DeviceErasure(store, subscriptions, store, store.ownership, sns, clock, d -> {
            waits.add(d);
            assertThat(store.openWrites("d1", clock.instant().plusSeconds(5))).isEmpty();
            store.closeWrites("d1");
        });

        erasure.erase("d1", "test");

        assertThat(waits).hasSize(1);
        assertThat(store.devices).isEmpty();
    }

    @Test
    void erasingTwiceIsHarmless() {
        owning("d1", "tok-1");
        DeviceErasure erasure = new DeviceErasure(store, subscriptions, store, store.ownership, sns, clock, d -> { });

        erasure.erase("d1", "test");
        erasure.erase("d1", "test");

        assertThat(store.devices).isEmpty();
        assertThat(sns.endpoints).isEmpty();
    }
}
