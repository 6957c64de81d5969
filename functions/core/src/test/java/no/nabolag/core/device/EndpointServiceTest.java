package no.nabolag.core.device;

import no.nabolag.core.catalog.App;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import no.nabolag.core.error.UnavailableException;
import org.junit.jupiter.api.Test;

class EndpointServiceTest {
    private static final String FCM_APP = "arn:app/GCM/nabolag-android";
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T20:15:00Z"), ZoneOffset.UTC);
    private final InMemoryDevices store = new InMemoryDevices();
    private final FakePushEndpoints sns = new FakePushEndpoints();
    private final InMemorySubscriptions subscriptions = new InMemorySubscriptions();
    private final DeviceErasure erasure = new DeviceErasure(store, subscriptions, store, store.ownership, sns, clock,
            d -> { });
    private final AtomicInteger paced = new AtomicInteger();
    private final EndpointService worker = new EndpointService(store, store.appDirectory(), store.ownership, sns,
            subscriptions, erasure, paced::incrementAndGet, clock);

    /** A device registered at {@code since} with the token, following a district. */
    private Device device(String id, String token, String since) {
        Device d = Device.registered(id, App.DEFAULT_ID, "hash", Platform.ANDROID, token, "nb", "UTC",
                since, since.substring(0, 10));
        store.create(d);
        subscriptions.follow(id);
        return d;
    }

    @Test
    void theEndpointIsMadePacedStoredOnTheDeviceAndCopiedToItsItems() {
        device("d1", "tok-1", "2026-11-28T20:00:00Z");

        EndpointService.Outcome outcome = worker.ensure("d1");

        Device d1 = store.devices.get("d1");
        assertThat(outcome).isEqualTo(EndpointService.Outcome.READY);
        assertThat(d1.endpointState()).isEqualTo(EndpointState.READY);
        assertThat(d1.endpointArn()).startsWith(FCM_APP + "/");
        assertThat(sns.endpoints).containsEntry(d1.endpointArn(), "tok-1");
        assertThat(subscriptions.items).containsEntry("d1", d1.endpointArn());
        assertThat(store.owners.get(TokenKeys.of(d1)).deviceId()).isEqualTo("d1");
        assertThat(paced).hasValue(1);
    }

    @Test
    void aRepeatedRequestForAReadyDeviceCallsNoOne() {
        device("d1", "tok-1", "2026-11-28T20:00:00Z");
        worker.ensure("d1");
        sns.calls.clear();

        assertThat(worker.ensure("d1")).isEqualTo(EndpointService.Outcome.ALREADY_READY);
        assertThat(sns.calls).isEmpty();
    }

    @Test
    void aReinstallTakesTheEndpointOverAndTheOldRecordIsRetiredButItsEndpointLives() {
        // Arrange: the first install has its endpoint; the app is reinstalled and registers the same token.
        device("old", "tok-1", "2026-11-01T08:00:00Z");
        worker.ensure("old");
        String endpoint = store.devices.get("old").endpointArn();
        device("new", "tok-1", "2026-11-28T20:00:00Z");

        // Act
        EndpointService.Outcome outcome = worker.ensure("new");

        // Assert: one record, one endpoint, the same one.
        assertThat(outcome).isEqualTo(EndpointService.Outcome.READY);
        assertThat(store.devices).containsOnlyKeys("new");
        assertThat(store.devices.get("new").endpointArn()).isEqualTo(endpoint);
        assertThat(sns.endpoints).containsOnlyKeys(endpoint);
        assertThat(subscriptions.items).containsOnlyKeys("new");
    }

    @Test
    void aStaleRecordProcessedAfterTheNewerOneRetiresItselfOnly() {
        device("old", "tok-1", "2026-11-01T08:00:00Z");
        device("new", "tok-1", "2026-11-28T20:00:00Z");
        worker.ensure("new");
        String endpoint = store.devices.get("new").endpointArn();

        EndpointService.Outcome outcome = worker.ensure("old");

        assertThat(outcome).isEqualTo(EndpointService.Outcome.RETIRED);
        assertThat(store.devices).containsOnlyKeys("new");
        assertThat(sns.endpoints).containsOnlyKeys(endpoint);
    }

    @Test
    void aTokenChangeReleasesTheOldTokensEndpointAndNeverTouchesAnotherDevicesEndpoint() {
        device("a", "tok-a", "2026-11-28T20:00:00Z");
        device("b", "tok-b", "2026-11-28T20:00:00Z");
        worker.ensure("a");
        worker.ensure("b");
        String oldA = store.devices.get("a").endpointArn();
        String b = store.devices.get("b").endpointArn();

        store.changeToken("a", "tok-a2", "2026-11-28T20:10:00Z");
        worker.ensure("a");

        String newA = store.devices.get("a").endpointArn();
        assertThat(newA).isNotEqualTo(oldA);
        assertThat(sns.endpoints).containsOnlyKeys(newA, b).containsEntry(b, "tok-b").containsEntry(newA, "tok-a2");
        assertThat(subscriptions.items).containsEntry("a", newA);
    }

    @Test
    void aTokenSnsRefusesMakesTheDeviceInvalidAndLeavesNoClaim() {
        device("d1", "tok-bad", "2026-11-28T20:00:00Z");
        sns.refusedTokens.add("tok-bad");

        assertThat(worker.ensure("d1")).isEqualTo(EndpointService.Outcome.INVALID);

        assertThat(store.devices.get("d1").endpointState()).isEqualTo(EndpointState.INVALID);
        assertThat(store.owners).isEmpty();
    }

    @Test
    void aDeviceErasedWhileItsEndpointWasMadeLeavesNothingBehind() {
        device("d1", "tok-1", "2026-11-28T20:00:00Z");
        // The erasure's tombstone lands after the worker read the device: simulated by erasing during the SNS call.
        FakePushEndpoints erasingSns = new FakePushEndpoints() {
            @Override
            public String register(String application, String token) {
                String arn = super.register(application, token);
                store.markErasing("d1", "now");
                return arn;
            }
        };
        EndpointService racing = new EndpointService(store, store.appDirectory(), store.ownership, erasingSns,
                subscriptions, new DeviceErasure(store, subscriptions, store, store.ownership, erasingSns, clock,
                d -> { }), () -> { }, clock);

        assertThat(racing.ensure("d1")).isEqualTo(EndpointService.Outcome.SUPERSEDED);

        assertThat(store.owners).isEmpty();
        assertThat(erasingSns.endpoints).isEmpty();
    }

    @Test
    void aTokenWhoseEndpointIsBeingDeletedIsTriedAgainLater() {
        device("old", "tok-1", "2026-11-01T08:00:00Z");
        worker.ensure("old");
        store.ownership.beginRelease(TokenKeys.of(store.devices.get("old")), "old");
        device("new", "tok-1", "2026-11-28T20:00:00Z");

        assertThatThrownBy(() -> worker.ensure("new")).isInstanceOf(UnavailableException.class);
    }

    @Test
    void aDeviceThatIsGoneNeedsNothing() {
        assertThat(worker.ensure("nobody")).isEqualTo(EndpointService.Outcome.GONE);
        assertThat(sns.calls).isEmpty();
    }
}
