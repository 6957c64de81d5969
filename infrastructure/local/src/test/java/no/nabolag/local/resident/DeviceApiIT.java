package no.nabolag.local.resident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import no.nabolag.core.json.Json;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;

class DeviceApiIT {
    private final LocalStack stack = LocalStack.shared();
    private final ResidentHttp http = new ResidentHttp(stack.baseUrl());

    private Map<String, AttributeValue> deviceItem(String deviceId) {
        return stack.dynamoDb().getItem(r -> r.tableName(stack.tableName("DevicesTable"))
                .key(Map.of("deviceId", AttributeValue.fromS(deviceId))).consistentRead(true)).item();
    }

    @Test
    void registrationCreatesAnEnabledEndpointAndStoresOnlyTheSecretsHash() {
        // Act
        ResidentHttp.Device device = http.register("android", "nb");

        // Assert
        var item = deviceItem(device.deviceId());
        String arn = item.get("endpointArn").s();
        assertThat(arn).contains(":endpoint/");
        assertThat(item.get("secretHash").s()).hasSize(64).isNotEqualTo(device.secret());
        assertThat(item.toString()).doesNotContain(device.secret());
        assertThat(item.get("timeZone").s()).isEqualTo("Europe/Oslo");
        var attributes = stack.sns().getEndpointAttributes(r -> r.endpointArn(arn)).attributes();
        assertThat(attributes).containsEntry("Token", device.token()).containsEntry("Enabled", "true");
        assertThat(device.secret()).hasSizeGreaterThanOrEqualTo(43);
    }

    @Test
    void registeringTheSameTokenAgainReusesItsEndpoint() {
        ResidentHttp.Device first = http.register("ios", "nb");
        String body = Json.write(Map.of("platform", "ios", "pushToken", first.token(), "locale", "en",
                "timeZone", "America/New_York"));

        var reply = http.send("POST", "/v1/devices", body, null);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("location")).isEqualTo("/v1/devices/" + reply.json().get("deviceId").asText());
        String second = reply.json().get("deviceId").asText();
        assertThat(second).isNotEqualTo(first.deviceId());
        assertThat(deviceItem(second).get("endpointArn").s()).isEqualTo(deviceItem(first.deviceId()).get("endpointArn").s());
    }

    @Test
    void aDisabledEndpointIsReEnabledOnRegistration() {
        ResidentHttp.Device first = http.register("android", "nb");
        String arn = deviceItem(first.deviceId()).get("endpointArn").s();
        stack.sns().setEndpointAttributes(r -> r.endpointArn(arn).attributes(Map.of("Enabled", "false")));

        http.send("POST", "/v1/devices", Json.write(Map.of("platform", "android", "pushToken", first.token(),
                "locale", "nb")), null);

        assertThat(stack.sns().getEndpointAttributes(r -> r.endpointArn(arn)).attributes()).containsEntry("Enabled", "true");
    }

    @Test
    void everyDeviceRouteNeedsTheDevicesOwnSecret() {
        ResidentHttp.Device device = http.register("android", "nb");
        ResidentHttp.Device other = http.register("android", "nb");
        String path = "/v1/devices/" + device.deviceId();

        for (String auth : new String[] {null, "Bearer wrong", other.bearer(), "Basic " + device.secret()}) {
            assertThat(http.send("PUT", path, "{\"locale\":\"en\"}", auth).status()).isEqualTo(401);
            assertThat(http.get(path + "/subscriptions", auth).status()).isEqualTo(401);
            assertThat(http.send("PUT", path + "/subscriptions", "{\"subscriptions\":[]}", auth).status()).isEqualTo(401);
            assertThat(http.get(path + "/feed", auth).status()).isEqualTo(401);
            assertThat(http.send("DELETE", path, null, auth).status()).isEqualTo(401);
        }
        var unknown = http.get("/v1/devices/00000000000000000000000000000000/subscriptions", device.bearer());
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(deviceItem(device.deviceId()).get("locale").s()).isEqualTo("nb");
    }

    @Test
    void anUnchangedTokenMakesNoSnsCall() {
        // Arrange: delete the endpoint behind the API's back; any SNS call for this device would notice and recreate it.
        ResidentHttp.Device device = http.register("android", "nb");
        String arn = deviceItem(device.deviceId()).get("endpointArn").s();
        stack.sns().deleteEndpoint(r -> r.endpointArn(arn));

        // Act
        var reply = http.send("PUT", "/v1/devices/" + device.deviceId(),
                Json.write(Map.of("pushToken", device.token(), "locale", "en", "timeZone", "Europe/London")),
                device.bearer());

        // Assert
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("locale").asText()).isEqualTo("en");
        assertThat(reply.json().get("timeZone").asText()).isEqualTo("Europe/London");
        assertThat(deviceItem(device.deviceId()).get("endpointArn").s()).isEqualTo(arn);
        assertThatThrownBy(() -> stack.sns().getEndpointAttributes(r -> r.endpointArn(arn)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aChangedTokenUpdatesTheEndpoint() {
        ResidentHttp.Device device = http.register("ios", "nb");
        String arn = deviceItem(device.deviceId()).get("endpointArn").s();
        stack.sns().setEndpointAttributes(r -> r.endpointArn(arn).attributes(Map.of("Enabled", "false")));

        var reply = http.send("PUT", "/v1/devices/" + device.deviceId(), "{\"pushToken\":\"new-" + device.token() + "\"}",
                device.bearer());

        assertThat(reply.status()).isEqualTo(200);
        var item = deviceItem(device.deviceId());
        assertThat(item.get("pushToken").s()).isEqualTo("new-" + device.token());
        String current = item.get("endpointArn").s();
        assertThat(stack.sns().getEndpointAttributes(r -> r.endpointArn(current)).attributes())
                .containsEntry("Token", "new-" + device.token()).containsEntry("Enabled", "true");
    }

    @Test
    void aChangedTokenWhoseEndpointWasDeletedGetsANewEndpoint() {
        ResidentHttp.Device device = http.register("android", "nb");
        String arn = deviceItem(device.deviceId()).get("endpointArn").s();
        stack.sns().deleteEndpoint(r -> r.endpointArn(arn));

        http.send("PUT", "/v1/devices/" + device.deviceId(), "{\"pushToken\":\"fresh-" + device.token() + "\"}",
                device.bearer());

        String current = deviceItem(device.deviceId()).get("endpointArn").s();
        assertThat(stack.sns().getEndpointAttributes(r -> r.endpointArn(current)).attributes())
                .containsEntry("Token", "fresh-" + device.token());
    }

    @Test
    void deletionErasesTheDeviceItsChoicesAndItsEndpoint() {
        // Arrange
        ResidentHttp.Device device = http.register("android", "nb");
        String arn = deviceItem(device.deviceId()).get("endpointArn").s();
        assertThat(http.subscribe(device, "{\"subscriptions\":[{\"districtId\":\"frogner\",\"categories\":[\"youth\"]}]}")
                .status()).isEqualTo(200);

        // Act
        var reply = http.send("DELETE", "/v1/devices/" + device.deviceId(), null, device.bearer());

        // Assert
        assertThat(reply.status()).isEqualTo(204);
        assertThat(deviceItem(device.deviceId())).isEmpty();
        var items = stack.dynamoDb().query(r -> r.tableName(stack.tableName("SubscriptionsTable"))
                .keyConditionExpression("deviceId = :d")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(device.deviceId())))).items();
        assertThat(items).isEmpty();
        assertThatThrownBy(() -> stack.sns().getEndpointAttributes(r -> r.endpointArn(arn)))
                .isInstanceOf(NotFoundException.class);
        assertThat(http.get("/v1/devices/" + device.deviceId() + "/subscriptions", device.bearer()).status())
                .isEqualTo(401);
    }
}
