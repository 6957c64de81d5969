package no.nabolag.local.resident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class BadInputIT {
    private final LocalStack stack = LocalStack.shared();
    private final ResidentHttp http = new ResidentHttp(stack.baseUrl());

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        if (problem.has("errors")) {
            problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        }
        return fields;
    }

    private static void assertProblem(ResidentHttp.Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode json = reply.json();
        assertThat(json.get("status").asInt()).isEqualTo(status);
        assertThat(json.get("type").asText()).startsWith("https://");
        assertThat(json.get("title").asText()).isNotBlank();
        assertThat(json.get("detail").asText()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed JSON             | {\"platform\": \"ios\",                                                  | ",
        "not an object              | [\"ios\"]                                                             | ",
        "empty body                 |                                                                       | ",
        "wrong types                | {\"platform\": 1, \"pushToken\": true, \"locale\": [\"nb\"]}          | platform,pushToken,locale",
        "missing fields             | {}                                                                    | platform,pushToken,locale",
        "unknown platform           | {\"platform\": \"windows\", \"pushToken\": \"t\", \"locale\": \"nb\"} | platform",
        "unknown locale             | {\"platform\": \"android\", \"pushToken\": \"t\", \"locale\": \"klingon\"} | locale",
        "unknown time zone          | {\"platform\": \"android\", \"pushToken\": \"t\", \"locale\": \"nb\", \"timeZone\": \"Europe/Atlantis\"} | timeZone",
        "blank token                | {\"platform\": \"ios\", \"pushToken\": \"  \", \"locale\": \"nb\"}    | pushToken",
        "APNs token not hex         | {\"platform\": \"ios\", \"pushToken\": \"it-token-1\", \"locale\": \"nb\"} | pushToken",
        "APNs token too short       | {\"platform\": \"ios\", \"pushToken\": \"abcdef0123\", \"locale\": \"nb\"} | pushToken",
        "FCM token control char     | {\"platform\": \"android\", \"pushToken\": \"tok\\u0007en\", \"locale\": \"nb\"} | pushToken",
        "FCM token with a space     | {\"platform\": \"android\", \"pushToken\": \"tok en\", \"locale\": \"nb\"} | pushToken",
        "app id of the wrong type   | {\"platform\": \"android\", \"pushToken\": \"t\", \"locale\": \"nb\", \"appId\": 7} | appId"})
    void badRegistrationsArePreciseProblems(String name, String body, String expectedFields) {
        var reply = http.send("POST", "/v1/devices", body == null ? "" : body, null);

        assertProblem(reply, 400);
        if (expectedFields != null) {
            assertThat(fields(reply.json())).containsExactly(expectedFields.split(","));
        }
    }

    @Test
    void overLongStringsSayTheLimit() {
        var reply = http.send("POST", "/v1/devices",
                "{\"platform\":\"ios\",\"pushToken\":\"" + "t".repeat(5000) + "\",\"locale\":\"nb\"}", null);

        assertProblem(reply, 400);
        assertThat(reply.json().get("errors").get(0).get("message").asText()).contains("4096");
    }

    @Test
    void bodiesOver64KibAreTooLargeAndChangeNothing() {
        ResidentHttp.Device device = http.register("android", "nb");
        String padding = "x".repeat(70 * 1024);

        var register = http.send("POST", "/v1/devices", "{\"platform\":\"ios\",\"pushToken\":\"" + padding
                + "\",\"locale\":\"nb\"}", null);
        var update = http.send("PUT", "/v1/devices/" + device.deviceId(), "{\"locale\":\"en\",\"pad\":\"" + padding + "\"}",
                device.bearer());

        assertProblem(register, 413);
        assertProblem(update, 413);
        var item = stack.dynamoDb().getItem(r -> r.tableName(stack.tableName("DevicesTable"))
                .key(Map.of("deviceId", AttributeValue.fromS(device.deviceId())))).item();
        assertThat(item.get("locale").s()).isEqualTo("nb");
    }

    @Test
    void aBadDeviceUpdateChangesNothing() {
        ResidentHttp.Device device = http.register("android", "nb");

        var reply = http.send("PUT", "/v1/devices/" + device.deviceId(),
                "{\"locale\":\"en\",\"timeZone\":\"Nowhere/Land\"}", device.bearer());

        assertProblem(reply, 400);
        assertThat(fields(reply.json())).containsExactly("timeZone");
        var item = stack.dynamoDb().getItem(r -> r.tableName(stack.tableName("DevicesTable"))
                .key(Map.of("deviceId", AttributeValue.fromS(device.deviceId())))).item();
        assertThat(item.get("locale").s()).isEqualTo("nb");
    }

    @Test
    void badSubscriptionShapesNameTheirFields() {
        ResidentHttp.Device device = http.register("android", "nb");

        var reply = http.subscribe(device, "{\"subscriptions\":{\"districtId\":\"frogner\"}}");
        var items = http.subscribe(device, "{\"subscriptions\":[{\"districtId\":\"frogner\",\"categories\":\"youth\"},"
                + "{\"categories\":[\"youth\"]}]}");

        assertProblem(reply, 400);
        assertThat(fields(reply.json())).containsExactly("subscriptions");
        assertProblem(items, 400);
        assertThat(fields(items.json())).containsExactly("subscriptions[0].categories", "subscriptions[1].districtId");
    }

    @ParameterizedTest
    @CsvSource({"GET,/v1/nothing", "GET,/", "POST,/v1/tenants", "DELETE,/v1/posts/x", "GET,/v1/devices"})
    void unknownRoutesAreNotFoundProblems(String method, String path) {
        var reply = http.send(method, path, null, null);

        assertProblem(reply, 404);
    }

    @ParameterizedTest
    @CsvSource({"GET,/v1/devices/{long}/feed", "PUT,/v1/devices/{long}", "DELETE,/v1/devices/{long}",
        "GET,/v1/posts/{long}", "GET,/v1/districts/{long}/feed", "GET,/v1/tenants/{long}/categories"})
    void idsLongerThanAnyIdAreNotFound(String method, String path) {
        var reply = http.send(method, path.replace("{long}", "a".repeat(2048)), method.equals("PUT") ? "{}" : null,
                "Bearer " + "s".repeat(43));

        assertProblem(reply, 404);
    }
}
