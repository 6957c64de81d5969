package no.nabolag.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import no.nabolag.core.json.Json;
import no.nabolag.local.LocalStack;
import no.nabolag.local.LocalStackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A first deploy as docs/operator-guide.md describes it: PublicBaseUrl empty (its value is the ApiUrl output of this
 * very deploy). The stack starts, residents and the admin API work, and the console says what to set.
 */
class FirstDeployIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStackConfig.defaults().withSchedules(false).withParameter("PublicBaseUrl", ""));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyFunctionGetsTheEmptyBaseUrlTheTemplateGivesIt() {
        assertThat(stack.parameters()).containsEntry("PublicBaseUrl", "");
        for (String function : new String[] {"ResidentApiFunction", "PublisherFunction", "ConsoleFunction"}) {
            assertThat(stack.environmentOf(function)).as(function).containsEntry("PUBLIC_BASE_URL", "");
        }
    }

    @Test
    void theConsoleAnswersAPageSayingWhatToSet() throws Exception {
        HttpResponse<String> home = send("GET", "/console", null, null);
        HttpResponse<String> signIn = send("GET", "/console/sign-in", null, null);

        assertThat(home.statusCode()).isEqualTo(503);
        assertThat(home.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(home.body()).contains("not configured yet", "PublicBaseUrl", "samconfig.toml", "--parameter-overrides")
                .doesNotContain("Exception", "Internal Server Error");
        assertThat(signIn.statusCode()).isEqualTo(503);
    }

    @Test
    void residentsSeeTheCatalogAndRegisterDevices() throws Exception {
        HttpResponse<String> tenants = send("GET", "/v1/tenants", null, null);
        HttpResponse<String> device = send("POST", "/v1/devices", "{\"platform\":\"android\",\"pushToken\":\"first-"
                + UUID.randomUUID() + "\",\"locale\":\"nb\",\"timeZone\":\"Europe/Oslo\"}", null);

        assertThat(tenants.statusCode()).isEqualTo(200);
        assertThat(tenants.body()).contains("oslo");
        assertThat(device.statusCode()).as(device.body()).isEqualTo(201);
    }

    @Test
    void theAdminApiWorksAndLinksWaitForTheBaseUrl() throws Exception {
        String bearer = "Bearer " + stack.adminToken();
        HttpResponse<String> created = send("POST", "/admin/v1/tenants/oslo/organizations", "{\"name\":\"Sagene IF " + UUID.randomUUID()
                + "\",\"kind\":\"external\",\"tenantId\":\"oslo\",\"districtIds\":[\"sagene\"],"
                + "\"categoryIds\":[\"sports-outdoors\"],\"trusted\":false}", bearer);
        JsonNode organization = Json.readTree(created.body());
        HttpResponse<String> link = send("POST", "/admin/v1/tenants/oslo/organizations/" + organization.path("organizationId").asText()
                + "/links", "{\"validDays\":30}", bearer);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(link.statusCode()).isEqualTo(503);
        assertThat(link.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(link.body()).contains("PUBLIC_BASE_URL");
    }

    private static HttpResponse<String> send(String method, String path, String json, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("content-type", "application/json");
        }
        if (authorization != null) {
            request.header("authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
