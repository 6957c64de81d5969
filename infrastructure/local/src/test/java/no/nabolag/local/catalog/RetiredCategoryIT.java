package no.nabolag.local.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.Test;

/**
 * Issue 7: retiring a category removes it from the catalog, but "existing subscriptions keep working". The resident
 * app replaces its whole choice set on every change, so sending back what a device already follows must still be
 * accepted after one of its categories was retired; choosing the retired category anew is refused.
 */
class RetiredCategoryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The resident API caches the catalog per container for at most 30 s. */
    private static final Duration CACHE_TTL = Duration.ofSeconds(35);
    private final LocalStack stack = LocalStack.shared();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aDeviceKeepsAndResendsARetiredCategoryItFollowsButNobodyCanChooseItAnew() throws Exception {
        // Arrange: a tenant with a district and two categories, a device following both categories there
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String tenant = "t-" + unique;
        String district = "d-" + unique;
        assertThat(admin("PUT", "/admin/v1/tenants/" + tenant,
                "{\"name\":\"Testby\",\"defaultLocale\":\"nb\",\"timeZone\":\"Europe/Oslo\"}").statusCode()).isEqualTo(201);
        assertThat(admin("PUT", "/admin/v1/tenants/" + tenant + "/districts/" + district,
                "{\"name\":\"Sentrum\",\"names\":{\"nb\":\"Sentrum\",\"en\":\"Centre\"}}").statusCode()).isEqualTo(201);
        admin("PUT", "/admin/v1/tenants/" + tenant + "/categories/keep",
                "{\"names\":{\"nb\":\"Beholdt\",\"en\":\"Kept\"},\"order\":1}");
        admin("PUT", "/admin/v1/tenants/" + tenant + "/categories/old",
                "{\"names\":{\"nb\":\"Gammel\",\"en\":\"Old\"},\"order\":2}");
        await("/v1/tenants/" + tenant + "/categories", body -> body.toString().contains("\"old\""));
        String[] device = register();
        String[] other = register();
        String choices = "{\"subscriptions\":[{\"districtId\":\"" + district + "\",\"categories\":[\"keep\",\"old\"]}],"
                + "\"quietHours\":null}";
        assertThat(subscribe(device, choices).statusCode()).isEqualTo(200);

        // Act: retire "old" and wait until residents no longer see it
        assertThat(admin("DELETE", "/admin/v1/tenants/" + tenant + "/categories/old", null).statusCode()).isEqualTo(204);
        await("/v1/tenants/" + tenant + "/categories", body -> !body.toString().contains("\"old\""));
        HttpResponse<String> resent = subscribe(device, choices);
        HttpResponse<String> chosenAnew = subscribe(other, choices);

        // Assert
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
        assertThat(JSON.readTree(resent.body()).path("subscriptions").get(0).path("categories").toString())
                .isEqualTo("[\"keep\",\"old\"]");
        assertThat(chosenAnew.statusCode()).isEqualTo(400);
        assertThat(chosenAnew.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
        assertThat(chosenAnew.body()).contains("subscriptions[0].categories[1]").contains("old");
    }

    private String[] register() throws Exception {
        HttpResponse<String> reply = send(HttpRequest.newBuilder(stack.baseUrl().resolve("/v1/devices"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"platform\":\"android\",\"pushToken\":\"retired-"
                        + UUID.randomUUID() + "\",\"locale\":\"nb\"}")));
        assertThat(reply.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(reply.body());
        return new String[] {body.path("deviceId").asText(), body.path("deviceSecret").asText()};
    }

    private HttpResponse<String> subscribe(String[] device, String body) throws Exception {
        return send(HttpRequest.newBuilder(stack.baseUrl().resolve("/v1/devices/" + device[0] + "/subscriptions"))
                .header("authorization", "Bearer " + device[1]).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.baseUrl().resolve(path))
                .header("authorization", "Bearer " + stack.adminToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        return send(request);
    }

    /** Polls a resident route until its body satisfies the condition: catalog reads are cached for a short TTL. */
    private void await(String path, Predicate<JsonNode> condition) throws Exception {
        Instant deadline = Instant.now().plus(CACHE_TTL);
        JsonNode body;
        do {
            body = JSON.readTree(send(HttpRequest.newBuilder(stack.baseUrl().resolve(path)).GET()).body());
            if (condition.test(body)) {
                return;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("Not seen within the catalog cache TTL: " + path + " -> " + body);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
