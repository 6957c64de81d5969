package no.nabolag.local.resident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import no.nabolag.core.subscription.AudienceShard;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class SubscriptionApiIT {
    private final LocalStack stack = LocalStack.shared();
    private final ResidentHttp http = new ResidentHttp(stack.baseUrl());

    private Map<String, Map<String, AttributeValue>> items(String deviceId) {
        Map<String, Map<String, AttributeValue>> byDistrict = new TreeMap<>();
        stack.dynamoDb().query(r -> r.tableName(stack.tableName("SubscriptionsTable"))
                        .keyConditionExpression("deviceId = :d").consistentRead(true)
                        .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(deviceId)))).items()
                .forEach(item -> byDistrict.put(item.get("districtId").s(), item));
        return byDistrict;
    }

    /** The items once the endpoint worker has written the device's endpoint into them (see {@link Endpoints}). */
    private Map<String, Map<String, AttributeValue>> itemsOnceTheEndpointExists(String deviceId) {
        Endpoints.awaitEndpointOnSubscriptions(stack, deviceId);
        return items(deviceId);
    }

    @Test
    void aNewDeviceFollowsNothingAndHasNoQuietHours() {
        ResidentHttp.Device device = http.register("android", "nb");

        var reply = http.get("/v1/devices/" + device.deviceId() + "/subscriptions", device.bearer());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("subscriptions")).isEmpty();
        assertThat(reply.json().has("quietHours")).isTrue();
        assertThat(reply.json().get("quietHours").isNull()).isTrue();
    }

    @Test
    void choicesAreStoredOneItemPerDistrictWithWhatDeliveryNeeds() {
        // Arrange
        ResidentHttp.Device device = http.register("ios", "en");
        Endpoints.awaitArn(stack, device.deviceId());
        String body = "{\"subscriptions\":[{\"districtId\":\"frogner\",\"categories\":[\"youth\",\"seniors\"]},"
                + "{\"districtId\":\"sagene\",\"categories\":[\"youth\"]}],\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\"}}";

        // Act
        var put = http.subscribe(device, body);
        var get = http.get("/v1/devices/" + device.deviceId() + "/subscriptions", device.bearer());

        // Assert
        assertThat(put.status()).isEqualTo(200);
        assertThat(get.json()).isEqualTo(put.json());
        JsonNode subscriptions = get.json().get("subscriptions");
        assertThat(subscriptions.get(0).get("districtId").asText()).isEqualTo("frogner");
        assertThat(subscriptions.get(0).get("categories").toString()).isEqualTo("[\"seniors\",\"youth\"]");
        assertThat(get.json().get("quietHours").get("start").asText()).isEqualTo("22:00");
        var items = items(device.deviceId());
        assertThat(items).containsOnlyKeys("frogner", "sagene");
        var frogner = items.get("frogner");
        assertThat(frogner.get("tenantId").s()).isEqualTo("oslo");
        assertThat(frogner.get("categories").ss()).containsExactlyInAnyOrder("youth", "seniors");
        assertThat(frogner.get("audienceShard").s())
                .isEqualTo(AudienceShard.key("frogner", device.deviceId(), 16));
        assertThat(frogner.get("choices").m()).containsOnlyKeys("frogner", "sagene");
        assertThat(items.get("sagene").get("choices")).isEqualTo(frogner.get("choices"));
        assertThat(frogner.get("platform").s()).isEqualTo("ios");
        assertThat(frogner.get("locale").s()).isEqualTo("en");
        assertThat(frogner.get("endpointArn").s()).contains(":endpoint/");
        assertThat(frogner.get("quietHours").m().get("end").s()).isEqualTo("07:00");
        assertThat(frogner.get("active").bool()).isTrue();
    }

    @Test
    void replacingDropsDistrictsNoLongerChosenAndIsIdempotent() {
        ResidentHttp.Device device = http.register("android", "nb");
        http.subscribe(device, "{\"subscriptions\":[{\"districtId\":\"frogner\",\"categories\":[\"youth\"]},"
                + "{\"districtId\":\"sagene\",\"categories\":[\"youth\"]}],\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\"}}");
        String replacement = "{\"subscriptions\":[{\"districtId\":\"alna\",\"categories\":[\"seniors\"]},"
                + "{\"districtId\":\"sagene\",\"categories\":[\"seniors\"]}]}";

        var first = http.subscribe(device, replacement);
        var second = http.subscribe(device, replacement);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(first.json().get("quietHours").isNull()).isTrue();
        var items = items(device.deviceId());
        assertThat(items).containsOnlyKeys("alna", "sagene");
        assertThat(items.get("sagene").get("choices").m()).containsOnlyKeys("alna", "sagene");
        assertThat(items.get("sagene").get("quietHours")).isNull();
    }

    @Test
    void unknownDistrictsAndCategoriesAreNamedAndNothingChanges() {
        ResidentHttp.Device device = http.register("android", "nb");
        http.subscribe(device, "{\"subscriptions\":[{\"districtId\":\"frogner\",\"categories\":[\"youth\"]}]}");
        var before = itemsOnceTheEndpointExists(device.deviceId());

        var reply = http.subscribe(device, "{\"subscriptions\":[{\"districtId\":\"sagene\",\"categories\":[\"youth\"]},"
                + "{\"districtId\":\"atlantis\",\"categories\":[\"youth\"]},"
                + "{\"districtId\":\"alna\",\"categories\":[\"youth\",\"unicorns\"]}]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode errors = reply.json().get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("subscriptions[1].districtId");
        assertThat(errors.get(0).get("message").asText()).contains("atlantis");
        assertThat(errors.get(1).get("field").asText()).isEqualTo("subscriptions[2].categories[1]");
        assertThat(errors.get(1).get("message").asText()).contains("unicorns");
        assertThat(items(device.deviceId())).isEqualTo(before);
    }

    @Test
    void invalidQuietHoursAreRefused() {
        ResidentHttp.Device device = http.register("android", "nb");

        var reply = http.subscribe(device, "{\"subscriptions\":[],\"quietHours\":{\"start\":\"7 pm\",\"end\":\"07:00\"}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("quietHours.start");
        assertThat(reply.json().get("errors").get(0).get("message").asText()).contains("HH:mm");
    }

    @Test
    void deviceChangesAreCopiedToItsSubscriptionItems() {
        ResidentHttp.Device device = http.register("android", "nb");
        http.subscribe(device, "{\"subscriptions\":[{\"districtId\":\"frogner\",\"categories\":[\"youth\"]},"
                + "{\"districtId\":\"alna\",\"categories\":[\"youth\"]}]}");

        var reply = http.send("PUT", "/v1/devices/" + device.deviceId(),
                "{\"locale\":\"en\",\"timeZone\":\"Europe/Stockholm\",\"pushToken\":\"moved-" + device.token() + "\"}",
                device.bearer());

        assertThat(reply.status()).isEqualTo(200);
        var items = items(device.deviceId());
        assertThat(items.values()).allSatisfy(item -> {
            assertThat(item.get("locale").s()).isEqualTo("en");
            assertThat(item.get("timeZone").s()).isEqualTo("Europe/Stockholm");
        });
        assertThat(items.get("frogner").get("categories").ss()).containsExactly("youth");
    }

    @Test
    void anEmptyListFollowsNothing() {
        ResidentHttp.Device device = http.register("android", "nb");
        http.subscribe(device, "{\"subscriptions\":[{\"districtId\":\"frogner\",\"categories\":[\"youth\"]}]}");

        var reply = http.subscribe(device, "{\"subscriptions\":[],\"quietHours\":null}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(items(device.deviceId())).isEmpty();
        assertThat(reply.json().get("subscriptions")).isEmpty();
    }

    @Test
    void aDistrictRetiredSecondsAgoCannotBeSubscribedToThoughTheCatalogIsCached() {
        // Arrange: a district the API has cached as active, then retired in the store.
        TestCatalog catalog = TestCatalog.shared(stack);
        String district = catalog.freshDistrict();
        ResidentHttp.Device device = http.register("android", "nb");
        assertThat(http.get("/v1/tenants").body()).contains("\"" + district + "\"");
        stack.dynamoDb().updateItem(r -> r.tableName(stack.tableName("CatalogTable"))
                .key(Map.of("pk", AttributeValue.fromS("TENANT#" + catalog.tenantId),
                        "sk", AttributeValue.fromS("DISTRICT#" + district)))
                .updateExpression("SET retired = :t").expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));

        // Act
        var reply = http.subscribe(device, "{\"subscriptions\":[{\"districtId\":\"" + district
                + "\",\"categories\":[\"news\"]}]}");

        // Assert
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("subscriptions[0].districtId");
        assertThat(items(device.deviceId())).isEmpty();
    }

    @Test
    void itemsCarryTheDevicesAppAndTheEndpointOnceItExists() {
        ResidentHttp.Device device = http.register("android", "nb");
        http.subscribe(device, "{\"subscriptions\":[{\"districtId\":\"frogner\",\"categories\":[\"youth\"]}]}");

        String arn = Endpoints.awaitArn(stack, device.deviceId());

        var frogner = itemsOnceTheEndpointExists(device.deviceId()).get("frogner");
        assertThat(frogner.get("appId").s()).isEqualTo("default");
        assertThat(frogner.get("endpointArn").s()).isEqualTo(arn);
    }
}
