package no.nabolag.local.resident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * Gone phones leave (issue 14): the scheduled sweep removes devices whose endpoint APNs/FCM disabled and devices not
 * seen for InactiveDeviceDays (270), with their subscriptions and endpoints; a feed read counts as seen.
 */
class DeviceSweepIT {
    private final LocalStack stack = LocalStack.shared();
    private final ResidentHttp http = new ResidentHttp(stack.baseUrl());
    private final TestCatalog catalog = TestCatalog.shared(stack);

    /** As if the device had not been seen (nor changed) since {@code days} ago. */
    private void lastSeen(String deviceId, int days) {
        String day = LocalDate.now(ZoneOffset.UTC).minusDays(days).toString();
        stack.dynamoDb().updateItem(r -> r.tableName(stack.tableName("DevicesTable"))
                .key(Map.of("deviceId", AttributeValue.fromS(deviceId)))
                .updateExpression("SET lastSeenDay = :d, createdAt = :t, updatedAt = :t, tokenSince = :t")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(day),
                        ":t", AttributeValue.fromS(day + "T12:00:00Z"))));
    }

    private List<Map<String, AttributeValue>> subscriptionItems(String deviceId) {
        return stack.dynamoDb().query(r -> r.tableName(stack.tableName("SubscriptionsTable")).consistentRead(true)
                .keyConditionExpression("deviceId = :d")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(deviceId)))).items();
    }

    @Test
    void disabledAndLongUnseenDevicesAreRemovedWithTheirSubscriptionsAndEndpoints() {
        // Arrange
        String district = catalog.freshDistrict();
        String follow = "{\"subscriptions\":[{\"districtId\":\"" + district + "\",\"categories\":[\"news\"]}]}";
        ResidentHttp.Device recent = http.register("android", "nb");
        ResidentHttp.Device unseen = http.register("android", "nb");
        ResidentHttp.Device reading = http.register("ios", "nb");
        ResidentHttp.Device uninstalled = http.register("android", "nb");
        for (ResidentHttp.Device device : List.of(recent, unseen, reading, uninstalled)) {
            assertThat(http.subscribe(device, follow).status()).isEqualTo(200);
            Endpoints.awaitArn(stack, device.deviceId());
        }
        String unseenEndpoint = Endpoints.awaitArn(stack, unseen.deviceId());
        String uninstalledEndpoint = Endpoints.awaitArn(stack, uninstalled.deviceId());
        lastSeen(unseen.deviceId(), 271);
        lastSeen(reading.deviceId(), 271);
        // The app is opened: its feed read counts as seen.
        assertThat(http.get("/v1/devices/" + reading.deviceId() + "/feed", reading.bearer()).status()).isEqualTo(200);
        // The app was uninstalled: FCM rejects the token, and the next push disables the endpoint.
        stack.snsEmulator().rejectToken(uninstalled.token());
        new Publishing(stack).publishAndDeliver(catalog.tenantId, List.of(district), List.of("news"), "Siste");
        assertThat(Endpoints.deviceItem(stack, uninstalled.deviceId()).get("active").bool()).isFalse();

        // Act
        stack.runSchedule("DeviceSweepFunction");

        // Assert
        assertThat(Endpoints.deviceItem(stack, recent.deviceId())).isNotEmpty();
        assertThat(Endpoints.deviceItem(stack, reading.deviceId())).isNotEmpty();
        assertThat(Endpoints.deviceItem(stack, reading.deviceId()).get("lastSeenDay").s())
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        for (ResidentHttp.Device gone : List.of(unseen, uninstalled)) {
            assertThat(Endpoints.deviceItem(stack, gone.deviceId())).as(gone.deviceId()).isEmpty();
            assertThat(subscriptionItems(gone.deviceId())).isEmpty();
            assertThat(DeviceErasureIT.tokenItemsOf(stack, gone.deviceId())).isEmpty();
            assertThat(http.get("/v1/devices/" + gone.deviceId() + "/feed", gone.bearer()).status()).isEqualTo(401);
        }
        for (String endpoint : List.of(unseenEndpoint, uninstalledEndpoint)) {
            assertThatThrownBy(() -> stack.sns().getEndpointAttributes(r -> r.endpointArn(endpoint)))
                    .isInstanceOf(NotFoundException.class);
        }
        assertThat(subscriptionItems(recent.deviceId())).hasSize(1);
    }
}
