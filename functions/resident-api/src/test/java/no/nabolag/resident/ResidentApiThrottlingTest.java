package no.nabolag.resident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import no.nabolag.core.device.Device;
import no.nabolag.core.device.DeviceService;
import no.nabolag.core.device.DeviceStore;
import no.nabolag.core.device.Platform;
import no.nabolag.core.device.PushEndpoints;
import no.nabolag.lambda.http.web.HttpRequest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sns.model.SnsException;

class ResidentApiThrottlingTest {
    @Test
    void aThrottledSnsCallIsA503WithRetryAfterAndStoresNothing() {
        // Arrange: SNS answers every endpoint call with Throttling.
        PushEndpoints throttled = new PushEndpoints() {
            private RuntimeException throttling() {
                return SnsException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").build()).build();
            }

            @Override
            public String register(Platform platform, String token) {
                throw throttling();
            }

            @Override
            public String changeToken(Platform platform, String endpointArn, String token) {
                throw throttling();
            }

            @Override
            public void delete(String endpointArn) {
                throw throttling();
            }
        };
        Map<String, Device> stored = new java.util.HashMap<>();
        DeviceStore devices = new DeviceStore() {
            @Override
            public Optional<Device> find(String deviceId) {
                return Optional.ofNullable(stored.get(deviceId));
            }

            @Override
            public boolean create(Device device) {
                stored.put(device.deviceId(), device);
                return true;
            }

            @Override
            public boolean update(Device device) {
                return true;
            }

            @Override
            public void delete(String deviceId) {
            }
        };
        var api = new ResidentApi(null, new DeviceService(devices, throttled, null, Clock.systemUTC()), null, null, null,
                null, "", Clock.systemUTC());

        // Act
        var response = api.router().handle(new HttpRequest("POST", "/v1/devices", "POST /v1/devices", Map.of(), Map.of(),
                Map.of(), "{\"platform\":\"ios\",\"pushToken\":\"t\",\"locale\":\"nb\"}", "127.0.0.1"));

        // Assert
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsEntry("retry-after", "5").containsEntry("content-type",
                "application/problem+json");
        assertThat(stored).isEmpty();
    }
}
