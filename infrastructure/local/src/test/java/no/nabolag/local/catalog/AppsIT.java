package no.nabolag.local.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.Test;

/** A tenant's own apps through the admin API on the local stack, and the two apps of the Oslo seed. */
class AppsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APNS = "arn:aws:sns:eu-north-1:000000000000:app/APNS/nabolag-testby-ios";
    private static final String FCM = "arn:aws:sns:eu-north-1:000000000000:app/GCM/nabolag-testby-android";
    private final LocalStack stack = LocalStack.shared();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theOsloSeedHasTheMunicipalitysAppAndBydelFrognersWithPlatformApplicationsTheEmulatorHolds() throws Exception {
        JsonNode oslo = json(admin("GET", "/admin/v1/tenants/oslo", null));

        JsonNode apps = oslo.path("apps");
        assertThat(apps.findValuesAsText("appId")).contains("oslo-kommune", "bydel-frogner");
        assertThat(apps.findValuesAsText("name")).contains("Oslo kommune", "Bydel Frogner");
        List<String> arns = new ArrayList<>(apps.findValuesAsText("apnsPlatformApplicationArn"));
        arns.addAll(apps.findValuesAsText("fcmPlatformApplicationArn"));
        assertThat(arns).hasSize(4).allSatisfy(arn -> assertThat(arn).contains(":app/").contains("/nabolag-"));
        for (String arn : arns) {
            // The emulator answers NotFound for a platform application it does not hold.
            String endpoint = stack.sns().createPlatformEndpoint(r -> r.platformApplicationArn(arn)
                    .token("apps-it-" + UUID.randomUUID().toString().replace("-", ""))).endpointArn();
            assertThat(endpoint).as(arn).contains(":endpoint/");
            stack.sns().deleteEndpoint(r -> r.endpointArn(endpoint));
        }
    }

    @Test
    void anAppIsPutIdempotentlyShownWithItsTenantAndRetired() throws Exception {
        String tenant = createTenant();
        String path = "/admin/v1/tenants/" + tenant + "/apps/" + tenant + "-app";
        String both = "{\"name\":\"Testby\",\"apnsPlatformApplicationArn\":\"" + APNS
                + "\",\"fcmPlatformApplicationArn\":\"" + FCM + "\"}";

        HttpResponse<String> created = admin("PUT", path, both);
        HttpResponse<String> again = admin("PUT", path, both);
        HttpResponse<String> androidOnly = admin("PUT", path,
                "{\"name\":\"Testby\",\"fcmPlatformApplicationArn\":\"" + FCM + "\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).path("change").asText()).isEqualTo("created");
        assertThat(json(created).path("apnsPlatformApplicationArn").asText()).isEqualTo(APNS);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("change").asText()).isEqualTo("unchanged");
        assertThat(androidOnly.statusCode()).isEqualTo(200);
        assertThat(json(androidOnly).path("change").asText()).isEqualTo("updated");
        JsonNode app = json(admin("GET", "/admin/v1/tenants/" + tenant, null)).path("apps").get(0);
        assertThat(app.path("appId").asText()).isEqualTo(tenant + "-app");
        assertThat(app.hasNonNull("apnsPlatformApplicationArn")).as("removed by the PUT without it").isFalse();
        assertThat(app.path("fcmPlatformApplicationArn").asText()).isEqualTo(FCM);
        assertThat(app.path("retired").asBoolean()).isFalse();

        assertThat(admin("DELETE", path, null).statusCode()).isEqualTo(204);
        assertThat(admin("DELETE", path, null).statusCode()).isEqualTo(204);
        assertThat(admin("DELETE", "/admin/v1/tenants/" + tenant + "/apps/no-such-app", null).statusCode())
                .isEqualTo(404);
        assertThat(json(admin("GET", "/admin/v1/tenants/" + tenant, null)).path("apps").get(0).path("retired")
                .asBoolean()).isTrue();
    }

    @Test
    void malformedArnsAreRefusedWithTheFieldNamedAndNothingIsStored() throws Exception {
        String tenant = createTenant();
        String path = "/admin/v1/tenants/" + tenant + "/apps/" + tenant + "-app";

        HttpResponse<String> swapped = admin("PUT", path, "{\"name\":\"X\",\"apnsPlatformApplicationArn\":\"" + FCM
                + "\",\"fcmPlatformApplicationArn\":\"" + APNS + "\"}");
        HttpResponse<String> notAnArn = admin("PUT", path,
                "{\"name\":\"X\",\"apnsPlatformApplicationArn\":\"my-ios-app\"}");
        HttpResponse<String> foreignName = admin("PUT", path, "{\"name\":\"X\",\"fcmPlatformApplicationArn\":"
                + "\"arn:aws:sns:eu-north-1:000000000000:app/GCM/somebody-elses\"}");
        HttpResponse<String> noArn = admin("PUT", path, "{\"name\":\"X\"}");
        HttpResponse<String> notText = admin("PUT", path, "{\"name\":\"X\",\"apnsPlatformApplicationArn\":42}");
        HttpResponse<String> badId = admin("PUT", "/admin/v1/tenants/" + tenant + "/apps/Bad_Id",
                "{\"name\":\"X\",\"apnsPlatformApplicationArn\":\"" + APNS + "\"}");

        assertThat(swapped.statusCode()).isEqualTo(400);
        assertThat(swapped.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(fields(swapped)).containsExactlyInAnyOrder("apnsPlatformApplicationArn", "fcmPlatformApplicationArn");
        assertThat(fields(notAnArn)).containsExactly("apnsPlatformApplicationArn");
        assertThat(fields(foreignName)).containsExactly("fcmPlatformApplicationArn");
        assertThat(json(foreignName).path("errors").get(0).path("message").asText()).contains("nabolag-");
        assertThat(noArn.statusCode()).isEqualTo(400);
        assertThat(fields(notText)).containsExactly("apnsPlatformApplicationArn");
        assertThat(fields(badId)).containsExactly("appId");
        assertThat(json(admin("GET", "/admin/v1/tenants/" + tenant, null)).path("apps")).isEmpty();
    }

    @Test
    void anAppIdBelongsToOneTenant() throws Exception {
        String tenant = createTenant();

        HttpResponse<String> taken = admin("PUT", "/admin/v1/tenants/" + tenant + "/apps/bydel-frogner",
                "{\"name\":\"Not Frogner\",\"apnsPlatformApplicationArn\":\"" + APNS + "\"}");
        HttpResponse<String> noTenant = admin("PUT", "/admin/v1/tenants/no-such-" + unique() + "/apps/x",
                "{\"name\":\"X\",\"apnsPlatformApplicationArn\":\"" + APNS + "\"}");

        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(noTenant.statusCode()).isEqualTo(404);
        assertThat(json(admin("GET", "/admin/v1/tenants/oslo", null)).path("apps").findValuesAsText("name"))
                .contains("Bydel Frogner").doesNotContain("Not Frogner");
    }

    private String createTenant() throws Exception {
        String tenant = "t-" + unique();
        assertThat(admin("PUT", "/admin/v1/tenants/" + tenant,
                "{\"name\":\"Testby\",\"defaultLocale\":\"nb\",\"timeZone\":\"Europe/Oslo\"}").statusCode()).isEqualTo(201);
        return tenant;
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.baseUrl().resolve(path))
                .header("authorization", "Bearer " + stack.adminToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> fields(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return json(response).path("errors").findValuesAsText("field");
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
