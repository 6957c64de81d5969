package no.nabolag.core.device;

import no.nabolag.core.catalog.App;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import no.nabolag.core.json.Json;
import no.nabolag.core.metrics.Metrics;
import org.junit.jupiter.api.Test;

class DeviceSweepTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC);
    private final InMemoryDevices store = new InMemoryDevices();
    private final FakePushEndpoints sns = new FakePushEndpoints();
    private final InMemorySubscriptions subscriptions = new InMemorySubscriptions();
    private final ByteArrayOutputStream metricsOut = new ByteArrayOutputStream();
    private final AtomicInteger paced = new AtomicInteger();
    private final DeviceSweep sweep = new DeviceSweep(store, store,
            new DeviceErasure(store, subscriptions, store, store.ownership, sns, clock, d -> { }), store.ownership, sns,
            store, 270, paced::incrementAndGet, clock,
            new Metrics("device-sweep", clock, new PrintStream(metricsOut, true, StandardCharsets.UTF_8)));

    private void device(String id, String lastSeenDay, boolean active) {
        Device d = Device.registered(id, App.DEFAULT_ID, "hash", Platform.ANDROID, "tok-" + id, "nb", "UTC",
                "2025-01-01T00:00:00Z", lastSeenDay);
        store.create(d);
        subscriptions.follow(id);
        String key = TokenKeys.of(d);
        store.ownership.claim(key, id, d.tokenSince());
        String arn = sns.register("arn:app/GCM/nabolag-android", d.pushToken());
        store.ownership.recordEndpoint(key, id, arn);
        store.endpointReady(id, d.pushToken(), arn, key, "2025-01-01T00:00:00Z");
        if (!active) {
            store.disable(id);
        }
    }

    @Test
    void disabledAndLongUnseenDevicesLeaveWithTheirEndpointsAndTheCountIsAMetric() throws Exception {
        // Arrange: seen yesterday; seen 271 days ago; disabled by the platform but seen yesterday.
        device("recent", "2026-11-27", true);
        device("gone", "2026-03-01", true);
        device("disabled", "2026-11-27", false);

        // Act
        DeviceSweep.Result result = sweep.run(() -> true);

        // Assert
        assertThat(store.devices).containsOnlyKeys("recent");
        assertThat(subscriptions.items).containsOnlyKeys("recent");
        assertThat(sns.endpoints.values()).containsExactly("tok-recent");
        assertThat(result.removedInactive()).isEqualTo(1);
        assertThat(result.removedDisabled()).isEqualTo(1);
        assertThat(result.passComplete()).isTrue();
        assertThat(paced).hasValue(2);
        var metric = Json.readTree(metricsOut.toString(StandardCharsets.UTF_8).strip());
        assertThat(metric.get("DevicesRemoved").asInt()).isEqualTo(2);
        assertThat(metric.get("Function").asText()).isEqualTo("device-sweep");
        assertThat(metric.at("/_aws/CloudWatchMetrics/0/Metrics/0/Name").asText()).isEqualTo("DevicesRemoved");
    }

    @Test
    void aRunThatRunsOutOfTimeSavesWhereItStoppedAndTheNextGoesOn() {
        for (int i = 0; i < 250; i++) {
            device(String.format("d%03d", i), i % 2 == 0 ? "2026-11-27" : "2025-01-01", true);
        }
        AtomicInteger pages = new AtomicInteger();

        DeviceSweep.Result first = sweep.run(() -> pages.getAndIncrement() < 1);
        String stoppedAt = store.position;
        DeviceSweep.Result second = sweep.run(() -> true);

        assertThat(first.passComplete()).isFalse();
        assertThat(stoppedAt).isNotNull();
        assertThat(second.passComplete()).isTrue();
        assertThat(store.position).isNull();
        assertThat(first.removedInactive() + second.removedInactive()).isEqualTo(125);
        assertThat(store.devices).hasSize(125);
    }

    @Test
    void aLostEndpointRequestIsMadeAgainAndAnOwnerlessTokenIsForgotten() {
        Device pending = Device.registered("pending", App.DEFAULT_ID, "hash", Platform.ANDROID, "tok-p",
                "nb", "UTC", "2026-11-28T01:00:00Z", "2026-11-28");
        store.create(pending);
        String orphanArn = sns.register("arn:app/GCM/nabolag-android", "tok-orphan");
        store.ownership.claim("TOKEN#default#android#abc", "vanished", "2026-01-01T00:00:00Z");
        store.ownership.recordEndpoint("TOKEN#default#android#abc", "vanished", orphanArn);

        DeviceSweep.Result result = sweep.run(() -> true);

        assertThat(result.requeued()).isEqualTo(1);
        assertThat(store.requested).containsExactly("pending");
        assertThat(result.orphansForgotten()).isEqualTo(1);
        assertThat(store.owners).isEmpty();
        assertThat(sns.endpoints).doesNotContainKey(orphanArn);
    }
}
