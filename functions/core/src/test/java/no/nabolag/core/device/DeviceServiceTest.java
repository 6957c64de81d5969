package no.nabolag.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nabolag.core.error.UnauthorizedException;
import no.nabolag.core.subscription.SubscriptionItem;
import no.nabolag.core.subscription.SubscriptionService;
import no.nabolag.core.subscription.SubscriptionStore;
import org.junit.jupiter.api.Test;

class DeviceServiceTest {
    private final Map<String, Device> stored = new HashMap<>();
    private final List<String> snsCalls = new ArrayList<>();
    private final DeviceStore devices = new DeviceStore() {
        @Override
        public Optional<Device> find(String deviceId) {
            return Optional.ofNullable(stored.get(deviceId));
        }

        @Override
        public boolean create(Device device) {
            return stored.putIfAbsent(device.deviceId(), device) == null;
        }

        @Override
        public boolean update(Device device) {
            return stored.replace(device.deviceId(), device) != null;
        }

        @Override
        public void delete(String deviceId) {
            stored.remove(deviceId);
        }
    };
    private final PushEndpoints endpoints = new PushEndpoints() {
        @Override
        public String register(Platform platform, String token) {
            snsCalls.add("register " + token);
            return "arn:endpoint:" + token;
        }

        @Override
        public String changeToken(Platform platform, String endpointArn, String token) {
            snsCalls.add("change " + token);
            return endpointArn;
        }

        @Override
        public void delete(String endpointArn) {
            snsCalls.add("delete " + endpointArn);
        }
    };
    private final SubscriptionStore noSubscriptions = new SubscriptionStore() {
        @Override
        public List<SubscriptionItem> findByDevice(String deviceId) {
            return List.of();
        }

        @Override
        public void putAll(java.util.Collection<SubscriptionItem> items) {
        }

        @Override
        public void deleteAll(String deviceId, java.util.Collection<String> districtIds) {
        }
    };
    private final DeviceService service = new DeviceService(devices, endpoints,
            new SubscriptionService(noSubscriptions, devices, 16, Clock.systemUTC()), Clock.systemUTC());

    @Test
    void registrationStoresOnlyTheSecretsHashAndTheEndpoint() {
        DeviceService.Registration r = service.register(Platform.ANDROID, "tok-1", "nb", "Europe/Oslo");

        Device device = stored.get(r.deviceId());
        assertThat(r.deviceSecret()).hasSize(43);
        assertThat(device.secretHash()).isEqualTo(DeviceSecret.hash(r.deviceSecret())).isNotEqualTo(r.deviceSecret());
        assertThat(device.endpointArn()).isEqualTo("arn:endpoint:tok-1");
        assertThat(service.authenticate(r.deviceId(), "Bearer " + r.deviceSecret())).isEqualTo(device);
    }

    @Test
    void missingOrWrongSecretsAndUnknownDevicesAreUnauthorized() {
        DeviceService.Registration r = service.register(Platform.IOS, "tok-2", "en", "Europe/Oslo");

        for (String header : new String[] {null, "", "Bearer ", "Basic " + r.deviceSecret(), "Bearer wrong"}) {
            assertThatThrownBy(() -> service.authenticate(r.deviceId(), header))
                    .isInstanceOf(UnauthorizedException.class);
        }
        assertThatThrownBy(() -> service.authenticate("unknown", "Bearer " + r.deviceSecret()))
                .isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> service.authenticate("x".repeat(5000), "Bearer " + r.deviceSecret()))
                .isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void anUnchangedTokenMakesNoSnsCallAndWritesNothing() {
        DeviceService.Registration r = service.register(Platform.IOS, "tok-3", "nb", "Europe/Oslo");
        Device before = stored.get(r.deviceId());
        snsCalls.clear();

        Device after = service.update(before, new DeviceService.Changes("tok-3", "nb", null));

        assertThat(snsCalls).isEmpty();
        assertThat(after).isSameAs(before);
        assertThat(stored.get(r.deviceId())).isSameAs(before);
    }

    @Test
    void aChangedTokenUpdatesTheEndpoint() {
        DeviceService.Registration r = service.register(Platform.IOS, "tok-4", "nb", "Europe/Oslo");
        snsCalls.clear();

        Device after = service.update(stored.get(r.deviceId()), new DeviceService.Changes("tok-5", "en", null));

        assertThat(snsCalls).containsExactly("change tok-5");
        assertThat(after.pushToken()).isEqualTo("tok-5");
        assertThat(stored.get(r.deviceId()).locale()).isEqualTo("en");
    }

    @Test
    void erasureRemovesTheEndpointAndTheDevice() {
        DeviceService.Registration r = service.register(Platform.IOS, "tok-6", "nb", "Europe/Oslo");

        service.erase(stored.get(r.deviceId()));

        assertThat(stored).doesNotContainKey(r.deviceId());
        assertThat(snsCalls).contains("delete arn:endpoint:tok-6");
    }

    @Test
    void quietHoursContainTimesAcrossMidnight() {
        QuietHours night = new QuietHours("22:00", "07:00");
        assertThat(night.contains(java.time.LocalTime.of(23, 0))).isTrue();
        assertThat(night.contains(java.time.LocalTime.of(6, 59))).isTrue();
        assertThat(night.contains(java.time.LocalTime.of(7, 0))).isFalse();
        assertThat(new QuietHours("13:00", "14:00").contains(java.time.LocalTime.of(13, 30))).isTrue();
    }
}
