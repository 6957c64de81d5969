package no.nabolag.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import no.nabolag.core.json.Json;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The shared local stack over HTTP: ready, its helpers, the demo tenant, and requests nobody routes. */
class LocalStackSmokeIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.shared();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void isReadyOnLoopback() throws Exception {
        HttpResponse<String> health = get("/_local/health");

        assertThat(stack.baseUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("ready");
    }

    @Test
    void pushesAreListedAsJsonAndCanBeCleared() throws Exception {
        String token = "smoke-" + UUID.randomUUID();
        String endpoint = stack.sns().createPlatformEndpoint(r -> r
                .platformApplicationArn(stack.fcmPlatformApplicationArn()).token(token)).endpointArn();
        stack.sns().publish(r -> r.targetArn(endpoint).message("smoke"));

        HttpResponse<String> before = get("/_local/pushes");
        HttpResponse<String> cleared = HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/_local/pushes"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> after = get("/_local/pushes");

        assertThat(Json.readTree(before.body()).isArray()).isTrue();
        assertThat(before.body()).contains(token);
        assertThat(cleared.statusCode()).isEqualTo(204);
        assertThat(Json.readTree(after.body()).isArray()).isTrue();
        assertThat(after.body()).doesNotContain(token);
    }

    @Test
    void anUnknownLocalHelperIsAProblem() throws Exception {
        HttpResponse<String> response = get("/_local/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
    }

    @Test
    void anUnknownRouteIsHandledByTheDefaultRoute() throws Exception {
        HttpResponse<String> response = get("/v1/no-such-thing/" + UUID.randomUUID());

        // The resident API's $default route answers.
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
    }

    @Test
    void theDemoTenantIsSeeded() {
        String table = stack.tableName("CatalogTable");
        var items = stack.dynamoDb().query(r -> r.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#oslo")))).items();

        assertThat(items).filteredOn(i -> i.get("sk").s().startsWith("DISTRICT#")).hasSize(15)
                .anySatisfy(i -> {
                    assertThat(i.get("districtId").s()).isEqualTo("grunerlokka");
                    assertThat(i.get("name").s()).isEqualTo("Grünerløkka");
                    assertThat(i.get("names").m().get("en").s()).isEqualTo("Grünerløkka");
                });
        assertThat(items).filteredOn(i -> i.get("sk").s().startsWith("CATEGORY#")).hasSize(11)
                .anySatisfy(i -> {
                    assertThat(i.get("categoryId").s()).isEqualTo("roads-water");
                    assertThat(i.get("names").m().get("nb").s()).isEqualTo("Vei, vann og avløp");
                    assertThat(i.get("order").n()).isEqualTo("8");
                });
        assertThat(items).filteredOn(i -> i.get("sk").s().equals("TENANT")).singleElement()
                .satisfies(i -> assertThat(i.get("timeZone").s()).isEqualTo("Europe/Oslo"));
        var claim = stack.dynamoDb().getItem(r -> r.tableName(table).key(Map.of("pk",
                AttributeValue.fromS("DISTRICT#ostensjo"), "sk", AttributeValue.fromS("DISTRICT")))).item();
        assertThat(claim.get("tenantId").s()).isEqualTo("oslo");
    }

    @Test
    void theResidentApiListsTheSeededTenants() throws Exception {
        HttpResponse<String> response = get("/v1/tenants");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("oslo", "Grünerløkka", "Søndre Nordstrand");
    }

    @Test
    void theDemoIsServedWithSecurityHeadersAndNoPathTraversal() throws Exception {
        HttpResponse<String> traversal = get("/demo/..%2F..%2Flogback.xml");
        assertThat(traversal.statusCode()).isEqualTo(404);

        HttpResponse<String> index = get("/demo/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(index.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(index.headers().firstValue("content-security-policy")).get().asString().contains("default-src 'self'");
    }
}
