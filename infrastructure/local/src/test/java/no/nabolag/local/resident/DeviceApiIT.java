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
        return Endpoints.deviceItem(stack, deviceId);
    }

    @Test
    void registrationAnswersAtOnceAndTheEnabledEndpointFollowsWhileOnlyTheSecretsHashIsStored() {
        // Act
        ResidentHttp.Device device = http.register("android", "nb");

        // Assert
        var item = Endpoints.awaitReady(stack, device.deviceId());
        String arn = item.get("endpointArn").s();
        assertThat(arn).contains(":endpoint/GCM/");
        assertThat(item.get("appId").s()).isEqualTo("default");
        assertThat(item.get("secretHash").s()).hasSize(64).isNotEqualTo(device.secret());
        assertThat(item.toString()).doesNotContain(device.secret());
        assertThat(item.get("timeZone").s()).isEqualTo("Europe/Oslo");
        var attributes = stack.sns().getEndpointAttributes(r -> r.endpointArn(arn)).attributes();
        assertThat(attributes).containsEntry("Token", device.token()).containsEntry("Enabled", "true");
        assertThat(device.secret()).hasSizeGreaterThanOrEqualTo(43);
    }

    @Test
    void theDeviceReadsItsFeedBeforeItsEndpointExists() {
        ResidentHttp.Device device = http.register("ios", "nb");

        var feed = http.get("/v1/devices/" + device.deviceId() + "/feed", device.bearer());

        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.json().get("items")).isEmpty();
    }

    @Test
    void aDisabledEndpointIsReEnabledWhenItsTokenRegistersAgain() {
        ResidentHttp.Device first = http.register("android", "nb");
        String arn = Endpoints.awaitArn(stack, first.deviceId());
        stack.sns().setEndpointAttributes(r -> r.endpointArn(arn).attributes(Map.of("Enabled", "false")));

        var again = http.send("POST", "/v1/devices", Json.write(Map.of("platform", "android", "pushToken", first.token(),
                "locale", "nb")), null);
        Endpoints.awaitArn(stack, again.json().get("deviceId").asText());

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
    void idsThatCannotBeDevicesAreNotFound() {
        ResidentHttp.Device device = http.register("android", "nb");

        for (String id : new String[] {"x".repeat(2048), device.deviceId().toUpperCase(), device.deviceId() + "0"}) {
            var reply = http.get("/v1/devices/" + id + "/subscriptions", device.bearer());
            assertThat(reply.status()).as(id).isEqualTo(404);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void anUnchangedTokenMakesNoSnsCall() {
        // Arrange: delete the endpoint behind the API's back; any SNS call for this device would notice and recreate it.
        ResidentHttp.Device device = http.register("android", "nb");
        String arn = Endpoints.awaitArn(stack, device.deviceId());
        stack.sns().deleteEndpoint(r -> r.endpointArn(arn));

        // Act
        var reply = http.send("PUT", "/v1/devices/" + device.deviceId(),
                Json.write(Map.of("pushToken", device.token(), "locale", "en", "timeZone", "Europe/London")),
                device.bearer());

        // Assert
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("locale").asText()).isEqualTo("en");
        assertThat(reply.json().get("timeZone").asText()).isEqualTo("Europe/London");
        assertThat(reply.json().get("push").asText()).isEqualTo("ready");
        assertThat(deviceItem(device.deviceId()).get("endpointArn").s()).isEqualTo(arn);
        assertThatThrownBy(() -> stack.sns().getEndpointAttributes(r -> r.endpointArn(arn)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aChangedTokenGetsItsOwnEnabledEndpointAndTheOldOneIsDeleted() {
        ResidentHttp.Device device = http.register("ios", "nb");
        String arn = Endpoints.awaitArn(stack, device.deviceId());
        String newToken = ResidentHttp.token("ios");

        var reply = http.send("PUT", "/v1/devices/" + device.deviceId(), "{\"pushToken\":\"" + newToken + "\"}",
                device.bearer());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("push").asText()).isEqualTo("pending");
        String current = Endpoints.awaitArn(stack, device.deviceId());
        assertThat(deviceItem(device.deviceId()).get("pushToken").s()).isEqualTo(newToken);
        assertThat(stack.sns().getEndpointAttributes(r -> r.endpointArn(current)).attributes())
                .containsEntry("Token", newToken).containsEntry("Enabled", "true");
        assertThat(current).isNotEqualTo(arn);
        assertThatThrownBy(() -> stack.sns().getEndpointAttributes(r -> r.endpointArn(arn)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aTokenChangeNeverRewritesAnEndpointAnotherDeviceUses() {
        // Arrange: two phones, each with its endpoint.
        ResidentHttp.Device a = http.register("android", "nb");
        ResidentHttp.Device b = http.register("android", "nb");
        Endpoints.awaitArn(stack, a.deviceId());
        String endpointOfB = Endpoints.awaitArn(stack, b.deviceId());

        // Act: a changes its token twice.
        http.send("PUT", "/v1/devices/" + a.deviceId(), "{\"pushToken\":\"" + ResidentHttp.token("android") + "\"}",
                a.bearer());
        Endpoints.awaitReady(stack, a.deviceId());
        String lastToken = ResidentHttp.token("android");
        http.send("PUT", "/v1/devices/" + a.deviceId(), "{\"pushToken\":\"" + lastToken + "\"}", a.bearer());
        String endpointOfA = Endpoints.awaitArn(stack, a.deviceId());

        // Assert
        assertThat(stack.sns().getEndpointAttributes(r -> r.endpointArn(endpointOfB)).attributes())
                .containsEntry("Token", b.token()).containsEntry("Enabled", "true");
        assertThat(stack.sns().getEndpointAttributes(r -> r.endpointArn(endpointOfA)).attributes())
                .containsEntry("Token", lastToken);
    }

    @Test
    void deletionErasesTheDeviceItsChoicesItsTokenAndItsEndpoint() {
        // Arrange
        ResidentHttp.Device device = http.register("android", "nb");
        String arn = Endpoints.awaitArn(stack, device.deviceId());
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
        assertThat(DeviceErasureIT.tokenItemsOf(stack, device.deviceId())).isEmpty();
        assertThatThrownBy(() -> stack.sns().getEndpointAttributes(r -> r.endpointArn(arn)))
                .isInstanceOf(NotFoundException.class);
        assertThat(http.get("/v1/devices/" + device.deviceId() + "/subscriptions", device.bearer()).status())
                .isEqualTo(401);
    }
}
