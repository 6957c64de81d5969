package no.nabolag.local.resident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import no.nabolag.core.json.Json;
import no.nabolag.core.post.PostStatus;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The contract: the OpenAPI document the API serves describes what the handlers really answer. Each real response is
 * validated against the schema the document gives for its path, method, status and content type, with networknt's
 * JSON Schema 2020-12 validator (the dialect of OpenAPI 3.1 schemas).
 */
class OpenApiContractIT {
    private static final LocalStack STACK = LocalStack.shared();
    private static final ResidentHttp HTTP = new ResidentHttp(STACK.baseUrl());
    private static JsonNode document;

    @BeforeAll
    static void loadTheServedDocument() {
        var reply = HTTP.get("/v1/openapi.yaml");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/yaml");
        Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(reply.body());
        document = Json.MAPPER.valueToTree(yaml);
    }

    /** Validates a response against the document's schema for (path template, method, status). */
    private static void assertConforms(String pathTemplate, String method, ResidentHttp.Reply reply) {
        JsonNode response = document.path("paths").path(pathTemplate).path(method.toLowerCase())
                .path("responses").path(Integer.toString(reply.status()));
        assertThat(response.isMissingNode()).as("%s %s documents status %s", method, pathTemplate, reply.status())
                .isFalse();
        if (response.has("$ref")) {
            response = resolve(response.get("$ref").asText());
        }
        if (reply.status() == 204) {
            assertThat(reply.body()).isEmpty();
            return;
        }
        String mediaType = reply.contentType().split(";")[0].trim();
        JsonNode content = response.path("content").path(mediaType);
        assertThat(content.isMissingNode()).as("%s %s %s documents %s", method, pathTemplate, reply.status(), mediaType)
                .isFalse();
        if (!mediaType.endsWith("json")) {
            return;
        }
        Set<ValidationMessage> errors = violations((ObjectNode) content.get("schema"), reply.json());
        assertThat(errors).as("%s %s -> %s: %s", method, pathTemplate, reply.status(), reply.body()).isEmpty();
    }

    /** Validates a value against a schema of the document; local $refs resolve into the document's components. */
    private static Set<ValidationMessage> violations(ObjectNode documentSchema, JsonNode value) {
        ObjectNode schema = Json.MAPPER.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.set("components", document.get("components"));
        schema.setAll(documentSchema);
        JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        return validator.validate(value);
    }

    @Test
    void theValidatorCatchesAResponseThatBreaksTheContract() throws Exception {
        ObjectNode feedPage = (ObjectNode) Json.readTree("{\"$ref\": \"#/components/schemas/FeedPage\"}");
        JsonNode broken = Json.readTree("{\"items\": [{\"postId\": 1, \"title\": \"t\"}]}");
        JsonNode fine = Json.readTree("{\"items\": [], \"nextCursor\": null}");

        assertThat(violations(feedPage, broken)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(violations(feedPage, fine)).isEmpty();
    }

    private static JsonNode resolve(String ref) {
        JsonNode node = document;
        for (String part : ref.substring(2).split("/")) {
            node = node.path(part);
        }
        return node;
    }

    @Test
    void theDocumentIsOpenApi31AndCoversEveryRoute() {
        assertThat(document.get("openapi").asText()).startsWith("3.1");
        List<String> paths = List.of("/v1/tenants", "/v1/tenants/{tenantId}/categories", "/v1/devices",
                "/v1/devices/{deviceId}", "/v1/devices/{deviceId}/subscriptions", "/v1/devices/{deviceId}/feed",
                "/v1/posts/{postId}", "/v1/districts/{districtId}/feed", "/v1/districts/{districtId}/feed.atom",
                "/v1/openapi.yaml");
        Iterator<String> names = document.get("paths").fieldNames();
        List<String> documented = new java.util.ArrayList<>();
        names.forEachRemaining(documented::add);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(paths);
    }

    @Test
    void catalogResponsesConform() {
        assertConforms("/v1/tenants", "GET", HTTP.get("/v1/tenants"));
        assertConforms("/v1/tenants/{tenantId}/categories", "GET", HTTP.get("/v1/tenants/oslo/categories?lang=en"));
        assertConforms("/v1/tenants/{tenantId}/categories", "GET", HTTP.get("/v1/tenants/nope/categories"));
    }

    @Test
    void deviceResponsesConform() {
        var registered = HTTP.send("POST", "/v1/devices", "{\"platform\":\"ios\",\"pushToken\":\""
                + ResidentHttp.token("ios") + "\",\"locale\":\"nb\"}", null);
        assertConforms("/v1/devices", "POST", registered);
        assertConforms("/v1/devices", "POST", HTTP.send("POST", "/v1/devices", "{\"platform\":1}", null));
        assertConforms("/v1/devices", "POST", HTTP.send("POST", "/v1/devices", "{", null));
        assertConforms("/v1/devices", "POST", HTTP.send("POST", "/v1/devices", "{\"p\":\"" + "x".repeat(70_000) + "\"}",
                null));
        String id = registered.json().get("deviceId").asText();
        String auth = "Bearer " + registered.json().get("deviceSecret").asText();
        String path = "/v1/devices/" + id;

        assertConforms("/v1/devices/{deviceId}", "PUT", HTTP.send("PUT", path, "{\"locale\":\"en\"}", auth));
        assertConforms("/v1/devices/{deviceId}", "PUT", HTTP.send("PUT", path, "{\"locale\":\"xx\"}", auth));
        assertConforms("/v1/devices/{deviceId}", "PUT", HTTP.send("PUT", path, "{}", "Bearer nope"));
        assertConforms("/v1/devices/{deviceId}/subscriptions", "GET", HTTP.get(path + "/subscriptions", auth));
        assertConforms("/v1/devices/{deviceId}/subscriptions", "PUT", HTTP.send("PUT", path + "/subscriptions",
                "{\"subscriptions\":[{\"districtId\":\"frogner\",\"categories\":[\"youth\",\"seniors\"]}],"
                        + "\"quietHours\":{\"start\":\"23:00\",\"end\":\"06:30\"}}", auth));
        assertConforms("/v1/devices/{deviceId}/subscriptions", "GET", HTTP.get(path + "/subscriptions", auth));
        assertConforms("/v1/devices/{deviceId}/subscriptions", "PUT", HTTP.send("PUT", path + "/subscriptions",
                "{\"subscriptions\":[{\"districtId\":\"atlantis\",\"categories\":[\"youth\"]}]}", auth));
        assertConforms("/v1/devices/{deviceId}/feed", "GET", HTTP.get(path + "/feed?limit=5", auth));
        assertConforms("/v1/devices/{deviceId}/feed", "GET", HTTP.get(path + "/feed?cursor=forged", auth));
        assertConforms("/v1/devices/{deviceId}/feed", "GET", HTTP.get("/v1/devices/" + "x".repeat(40) + "/feed", auth));
        assertConforms("/v1/devices", "POST", HTTP.send("POST", "/v1/devices", "{\"platform\":\"android\","
                + "\"pushToken\":\"t\",\"locale\":\"nb\",\"appId\":\"no-such-app\"}", null));
        assertConforms("/v1/devices/{deviceId}", "DELETE", HTTP.send("DELETE", path, null, auth));
        assertConforms("/v1/devices/{deviceId}", "DELETE", HTTP.send("DELETE", path, null, auth));
    }

    @Test
    void feedAndPostResponsesConform() {
        TestCatalog catalog = TestCatalog.shared(STACK);
        TestPosts posts = new TestPosts(STACK);
        String d = catalog.freshDistrict();
        java.time.Instant now = java.time.Instant.now().minusSeconds(600);
        String id = posts.store(TestPosts.post(catalog.tenantId, List.of(d), List.of("news"), "Kontrakt", now,
                PostStatus.PUBLISHED, now.plusSeconds(86_400), "Contract"));
        posts.published(catalog.tenantId, List.of(d), List.of("sports"), "Andre", now.plusSeconds(1));

        assertConforms("/v1/districts/{districtId}/feed", "GET", HTTP.get("/v1/districts/" + d + "/feed?limit=1"));
        assertConforms("/v1/districts/{districtId}/feed", "GET", HTTP.get("/v1/districts/" + d + "/feed?limit=abc"));
        assertConforms("/v1/districts/{districtId}/feed", "GET", HTTP.get("/v1/districts/nowhere/feed"));
        assertConforms("/v1/districts/{districtId}/feed.atom", "GET", HTTP.get("/v1/districts/" + d + "/feed.atom"));
        assertConforms("/v1/posts/{postId}", "GET", HTTP.get("/v1/posts/" + id + "?lang=en"));
        assertConforms("/v1/posts/{postId}", "GET", HTTP.get("/v1/posts/unknown"));
        assertConforms("/v1/openapi.yaml", "GET", HTTP.get("/v1/openapi.yaml"));
    }
}
