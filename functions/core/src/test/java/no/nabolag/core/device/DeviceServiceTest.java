package no.nabolag.core.device;

import no.nabolag.core.catalog.App;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import no.nabolag.core.error.InvalidInputException;
import no.nabolag.core.error.NotFoundException;
import no.nabolag.core.error.UnauthorizedException;
import no.nabolag.core.error.UnavailableException;
import org.junit.jupiter.api.Test;

class DeviceServiceTest {
    static final String APNS_TOKEN = "a1".repeat(32);
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T20:15:00Z"), ZoneOffset.UTC);
    private final InMemoryDevices store = new InMemoryDevices();
    private final FakePushEndpoints sns = new FakePushEndpoints();
    private final InMemorySubscriptions subscriptions = new InMemorySubscriptions();
    private final DeviceErasure erasure = new DeviceErasure(store, subscriptions, store, store.ownership, sns, clock,
            d -> { });
    private final DeviceService service = new DeviceService(store, store.appDirectory(), store, subscriptions,
            erasure, clock);

    private DeviceService.Registration register(Platform platform, String token) {
        return service.register(new DeviceService.NewDevice(null, platform, token, "nb", "Europe/Oslo"));
    }

    @Test
    void registrationStoresOnlyTheSecretsHashAndAsksForTheEndpointWithoutCallingSns() {
        // Act
        DeviceService.Registration r = register(Platform.ANDROID, "fcm-token-1");

        // Assert
        Device device = store.devices.get(r.deviceId());
        assertThat(r.deviceSecret()).hasSize(43);
        assertThat(device.secretHash()).isEqualTo(DeviceSecret.hash(r.deviceSecret())).isNotEqualTo(r.deviceSecret());
        assertThat(device.appId()).isEqualTo(App.DEFAULT_ID);
        assertThat(device.endpointState()).isEqualTo(EndpointState.PENDING);
        assertThat(device.endpointArn()).isNull();
        assertThat(device.lastSeenDay()).isEqualTo("2026-11-28");
        assertThat(store.requested).containsExactly(r.deviceId());
        assertThat(sns.calls).isEmpty();
        assertThat(service.authenticate(r.deviceId(), "Bearer " + r.deviceSecret(), false)).isEqualTo(device);
    }

    @Test
    void aDeviceOfAnAppBelongsToThatAppAndAnUnknownAppIsRefusedWithNothingStored() {
        store.apps.put("frogner", new AppPlatforms("frogner", "oslo", Map.of(Platform.ANDROID, "arn:app/GCM/nabolag-frogner")));

        var frogner = service.register(new DeviceService.NewDevice("frogner", Platform.ANDROID, "tok", "nb", "UTC"));

        assertThat(store.devices.get(frogner.deviceId()).appId()).isEqualTo("frogner");
        assertThatThrownBy(() -> service.register(new DeviceService.NewDevice("atlantis", Platform.ANDROID, "tok",
                "nb", "UTC"))).isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("appId"));
        assertThatThrownBy(() -> service.register(new DeviceService.NewDevice("frogner", Platform.IOS, APNS_TOKEN,
                "nb", "UTC"))).isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("platform"));
        assertThat(store.devices).hasSize(1);
    }

    @Test
    void tokensAreCheckedPerPlatformBeforeAnythingIsStored() {
        assertThatThrownBy(() -> register(Platform.IOS, "not-hex")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> register(Platform.ANDROID, "bad\ntoken")).isInstanceOf(InvalidInputException.class);

        var ios = register(Platform.IOS, APNS_TOKEN.toUpperCase());

        assertThat(store.devices.get(ios.deviceId()).pushToken()).isEqualTo(APNS_TOKEN);
        assertThat(store.devices).hasSize(1);
    }

    @Test
    void whenTheRequestCannotBeQueuedTheDeviceIsNotKeptAndTheAppIsToldToRetry() {
        store.requestFailure = new UnavailableException("busy", 5);

        assertThatThrownBy(() -> register(Platform.ANDROID, "tok")).isInstanceOf(UnavailableException.class);

        assertThat(store.devices).isEmpty();
    }

    @Test
    void wrongSecretsAreUnauthorizedAndIdsThatCannotExistAreNotFound() {
        DeviceService.Registration r = register(Platform.IOS, APNS_TOKEN);

        for (String header : new String[] {null, "", "Bearer ", "Basic " + r.deviceSecret(), "Bearer wrong"}) {
            assertThatThrownBy(() -> service.authenticate(r.deviceId(), header, false))
                    .isInstanceOf(UnauthorizedException.class);
        }
        assertThatThrownBy(() -> service.authenticate("0".repeat(32), "Bearer " + r.deviceSecret(), false))
                .isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> service.authenticate("x".repeat(5000), "Bearer " + r.deviceSecret(), false))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aDeviceBeingErasedAuthenticatesOnlyToFinishItsErasure() {
        DeviceService.Registration r = register(Platform.ANDROID, "tok");
        store.markErasing(r.deviceId(), "2026-11-28T20:15:00Z");

        assertThatThrownBy(() -> service.authenticate(r.deviceId(), "Bearer " + r.deviceSecret(), false))
                .isInstanceOf(UnauthorizedException.class);
        assertThat(service.authenticate(r.deviceId(), "Bearer " + r.deviceSecret(), true).deviceId())
                .isEqualTo(r.deviceId());
    }

    @Test
    void anUnchangedTokenOfAWorkingDeviceWritesNothingAndAsksForNothing() {
        DeviceService.Registration r = register(Platform.ANDROID, "tok");
        store.endpointReady(r.deviceId(), "tok", "arn:e1", TokenKeys.of(store.devices.get(r.deviceId())), "t");
        Device before = store.devices.get(r.deviceId());
        store.requested.clear();

        Device after = service.update(before, new DeviceService.Changes("tok", "nb", null));

        assertThat(after).isSameAs(before);
        assertThat(store.devices.get(r.deviceId())).isSameAs(before);
        assertThat(store.requested).isEmpty();
    }

    @Test
    void aNewTokenGoesToTheEndpointWorkerAndTheSameTokenOfADisabledDeviceDoesToo() {
        DeviceService.Registration r = register(Platform.ANDROID, "tok");
        store.requested.clear();

        Device changed = service.update(store.devices.get(r.deviceId()), new DeviceService.Changes("tok-2", "en", null));
        store.endpointReady(r.deviceId(), "tok-2", "arn:e2", "k", "t");
        store.disable(r.deviceId());
        service.update(store.devices.get(r.deviceId()), new DeviceService.Changes("tok-2", null, null));

        assertThat(changed.pushToken()).isEqualTo("tok-2");
        assertThat(changed.endpointState()).isEqualTo(EndpointState.PENDING);
        assertThat(changed.locale()).isEqualTo("en");
        assertThat(store.requested).containsExactly(r.deviceId(), r.deviceId());
        assertThat(sns.calls).isEmpty();
    }

    @Test
    void feedReadsCountAsSeenOnceADay() {
        DeviceService.Registration r = register(Platform.ANDROID, "tok");
        Device device = store.devices.get(r.deviceId());
        store.devices.put(device.deviceId(), new Device(device.deviceId(), device.appId(), device.secretHash(),
                device.platform(), device.pushToken(), device.tokenSince(), null, null, device.endpointState(),
                device.locale(), device.timeZone(), null, true, "2026-01-01", device.createdAt(), device.updatedAt(),
                false));

        service.seen(store.devices.get(r.deviceId()));
        Device seen = store.devices.get(r.deviceId());
        service.seen(seen);

        assertThat(seen.lastSeenDay()).isEqualTo("2026-11-28");
        assertThat(store.devices.get(r.deviceId())).isSameAs(seen);
    }

    @Test
    void erasureRemovesTheDeviceItsItemsAndTheEndpointItOwns() {
        DeviceService.Registration r = register(Platform.ANDROID, "tok");
        Device device = store.devices.get(r.deviceId());
        String key = TokenKeys.of(device);
        store.ownership.claim(key, r.deviceId(), device.tokenSince());
        String arn = sns.register("arn:app/GCM/nabolag-android", "tok");
        store.ownership.recordEndpoint(key, r.deviceId(), arn);
        store.endpointReady(r.deviceId(), "tok", arn, key, "t");
        subscriptions.follow(r.deviceId());
        store.deferrals.put(r.deviceId(), java.util.List.of("p1"));

        service.erase(store.devices.get(r.deviceId()));

        assertThat(store.devices).doesNotContainKey(r.deviceId());
        assertThat(subscriptions.items).doesNotContainKey(r.deviceId());
        assertThat(store.deferrals).doesNotContainKey(r.deviceId());
        assertThat(store.owners).isEmpty();
        assertThat(sns.endpoints).isEmpty();
    }
}
