package no.nabolag.resident;

import no.nabolag.core.catalog.App;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import no.nabolag.core.device.AppPlatforms;
import no.nabolag.core.device.Device;
import no.nabolag.core.device.DeviceService;
import no.nabolag.core.device.DeviceStore;
import no.nabolag.core.device.Platform;
import no.nabolag.core.device.QuietHours;
import no.nabolag.core.error.UnavailableException;
import no.nabolag.lambda.http.web.HttpRequest;
import org.junit.jupiter.api.Test;

class ResidentApiThrottlingTest {
    @Test
    void aRegistrationTheEndpointQueueCannotTakeIsA503WithRetryAfterAndStoresNothing() {
        // Arrange: the queue of endpoint requests refuses every message.
        Map<String, Device> stored = new HashMap<>();
        var app = new AppPlatforms(App.DEFAULT_ID, null, Map.of(Platform.IOS, "arn:app/APNS/nabolag-ios"));
        var devices = new DeviceService(new MapDeviceStore(stored), id -> Optional.of(app), id -> {
            throw new UnavailableException("Registration is busy; retry in a few seconds", 5);
        }, null, null, Clock.systemUTC());
        var api = new ResidentApi(null, null, devices, null, null, null, null, "", Clock.systemUTC());

        // Act
        var response = api.router().handle(new HttpRequest("POST", "/v1/devices", "POST /v1/devices", Map.of(),
                Map.of(), Map.of(), "{\"platform\":\"ios\",\"pushToken\":\"" + "ab".repeat(32)
                + "\",\"locale\":\"nb\"}", "127.0.0.1"));

        // Assert
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsEntry("retry-after", "5").containsEntry("content-type",
                "application/problem+json");
        assertThat(stored).isEmpty();
    }

    /** Just enough of a device store for registration. */
    private record MapDeviceStore(Map<String, Device> stored) implements DeviceStore {
        @Override
        public Optional<Device> find(String deviceId) {
            return Optional.ofNullable(stored.get(deviceId));
        }

        @Override
        public boolean create(Device device) {
            return stored.putIfAbsent(device.deviceId(), device) == null;
        }

        @Override
        public void delete(String deviceId) {
            stored.remove(deviceId);
        }

        @Override
        public Optional<Device> updatePreferences(String id, String locale, String zone, QuietHours quiet, String at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Device> changeToken(String deviceId, String token, String at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Device> requestEndpoint(String deviceId, String at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Device> endpointReady(String id, String token, String arn, String key, String at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean endpointInvalid(String deviceId, String token, String at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void seen(String deviceId, String day) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Device> markErasing(String deviceId, String at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Device> openWrites(String deviceId, Instant until) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Device> closeWrites(String deviceId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean writesOpen(String deviceId, Instant now) {
            throw new UnsupportedOperationException();
        }
    }
}
