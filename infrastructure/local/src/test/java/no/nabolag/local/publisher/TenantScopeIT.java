package no.nabolag.local.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import no.nabolag.local.wiring.LocalContext;
import no.nabolag.publisher.PublisherHandler;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the admin API is administered one tenant at a time. Oslo's organisations, links and posts are reached
 * only under /admin/v1/tenants/oslo; under another tenant's path they are 404, as if they did not exist, and
 * nothing changes. The moderator recorded is who called: the IAM caller's ARN in AWS, "local:admin" locally.
 */
class TenantScopeIT {
    private final PublisherClient client = new PublisherClient();

    /** Another municipality on the same deployment; it exists, so 404s below are about Oslo's ids, not the tenant. */
    private String neighbour() {
        String tenant = "nabo-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(client.admin("PUT", "/admin/v1/tenants/" + tenant,
                "{\"name\":\"Nabo kommune\",\"defaultLocale\":\"nb\",\"timeZone\":\"Europe/Oslo\"}").statusCode())
                .isEqualTo(201);
        return tenant;
    }

    private String pendingOsloPost(String organizationId) {
        String url = client.linkUrl(organizationId);
        return client.submit(url, PublisherClient.validPost(client.csrf(url), PublisherClient.unique("Dugnad"), "sagene",
                "sports-outdoors"));
    }

    @Test
    void anotherTenantsPathCannotReadOrChangeOslosOrganisationsLinksAndPosts() {
        String other = "/admin/v1/tenants/" + neighbour();
        String org = client.external(PublisherClient.unique("Sagene IF"), false);
        JsonNode link = client.link(org, 30);
        String postId = pendingOsloPost(org);

        assertThat(client.admin("GET", other + "/organizations/" + org, null).statusCode()).isEqualTo(404);
        assertThat(client.json(client.admin("GET", other + "/organizations", null)).findValuesAsText("organizationId"))
                .doesNotContain(org);
        assertThat(client.admin("POST", other + "/organizations/" + org + "/links", "{\"validDays\":3}").statusCode())
                .isEqualTo(404);
        assertThat(client.admin("DELETE", other + "/links/" + link.get("linkId").asText(), null).statusCode())
                .isEqualTo(404);
        assertThat(client.admin("GET", other + "/posts/" + postId, null).statusCode()).isEqualTo(404);
        assertThat(client.json(client.admin("GET", other + "/posts?status=PENDING", null)).findValuesAsText("postId"))
                .doesNotContain(postId);
        for (String action : new String[] {"approve", "withdraw"}) {
            HttpResponse<String> refused = client.admin("POST", other + "/posts/" + postId + "/" + action, null);
            assertThat(refused.statusCode()).as(action).isEqualTo(404);
            assertThat(refused.headers().firstValue("content-type")).hasValue("application/problem+json");
        }
        assertThat(client.admin("POST", other + "/posts/" + postId + "/reject", "{\"reason\":\"Nei\"}").statusCode())
                .isEqualTo(404);

        // Nothing changed: the link still opens the form, the post still waits, and Oslo's paths see both.
        assertThat(client.get(link.get("url").asText()).statusCode()).isEqualTo(200);
        assertThat(client.post(postId).get("status").asText()).isEqualTo("PENDING");
        assertThat(client.json(client.admin("GET", "/admin/v1/tenants/oslo/organizations/" + org, null))
                .get("links").get(0).get("state").asText()).isEqualTo("active");
    }

    @Test
    void anUnknownTenantIsNotFoundAndAnOrganisationNamingAnotherTenantIsRefused() {
        String unknown = "/admin/v1/tenants/no-such-" + UUID.randomUUID().toString().substring(0, 8);

        assertThat(client.admin("GET", unknown + "/organizations", null).statusCode()).isEqualTo(404);
        assertThat(client.admin("GET", unknown + "/posts", null).statusCode()).isEqualTo(404);
        HttpResponse<String> elsewhere = client.admin("POST", "/admin/v1/tenants/oslo/organizations",
                "{\"name\":\"X\",\"kind\":\"unit\",\"tenantId\":\"baerum\",\"districtIds\":[\"sagene\"],"
                        + "\"categoryIds\":[\"youth\"]}");
        HttpResponse<String> implied = client.admin("POST", "/admin/v1/tenants/oslo/organizations",
                "{\"name\":\"" + PublisherClient.unique("Sagene bibliotek") + "\",\"kind\":\"unit\","
                        + "\"districtIds\":[\"sagene\"],\"categoryIds\":[\"youth\"]}");

        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(client.json(elsewhere).path("errors").findValuesAsText("field")).containsExactly("tenantId");
        assertThat(implied.statusCode()).as("the path names the tenant").isEqualTo(201);
        assertThat(client.json(implied).get("tenantId").asText()).isEqualTo("oslo");
        assertThat(implied.headers().firstValue("location")).hasValueSatisfying(location -> assertThat(location)
                .startsWith("/admin/v1/tenants/oslo/organizations/"));
    }

    @Test
    void idsLongerThanAnyWeIssueAreNotFoundNeverAServerError() {
        String huge = "p".repeat(2100);

        assertThat(client.admin("GET", "/admin/v1/tenants/oslo/posts/" + huge, null).statusCode()).isEqualTo(404);
        assertThat(client.admin("POST", "/admin/v1/tenants/oslo/posts/" + huge + "/approve", null).statusCode())
                .isEqualTo(404);
        assertThat(client.admin("GET", "/admin/v1/tenants/oslo/organizations/" + huge, null).statusCode())
                .isEqualTo(404);
        assertThat(client.admin("DELETE", "/admin/v1/tenants/oslo/links/" + huge, null).statusCode()).isEqualTo(404);
        assertThat(client.admin("GET", "/admin/v1/tenants/" + huge + "/posts", null).statusCode()).isEqualTo(404);
        assertThat(client.admin("GET", "/admin/v1/tenants/" + huge, null).statusCode()).isEqualTo(404);
        assertThat(client.admin("PUT", "/admin/v1/tenants/" + huge + "/districts/x", "{\"name\":\"X\"}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void theModeratorRecordedIsLocalAdminWithTheBearerToken() {
        String postId = pendingOsloPost(client.external(PublisherClient.unique("Sagene IF"), false));

        HttpResponse<String> approved = client.admin("POST", "/admin/v1/tenants/oslo/posts/" + postId + "/approve", null);

        assertThat(approved.statusCode()).isEqualTo(200);
        JsonNode history = client.post(postId).get("history");
        assertThat(history.get(1).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(history.get(1).get("by").asText()).isEqualTo("local:admin");
    }

    @Test
    void inAwsTheModeratorRecordedIsTheIamCallersArnFromTheRequestContext() {
        String postId = pendingOsloPost(client.external(PublisherClient.unique("Sagene IF"), false));
        String caller = "arn:aws:sts::123456789012:assumed-role/oslo-communication/kari.nordmann";
        // The publisher function as deployed (ADMIN_AUTH=iam), against the local stack's tables and queues.
        PublisherHandler deployed = new PublisherHandler(client.stack.settingsOf("PublisherFunction")
                .with("ADMIN_AUTH", "iam"));

        var response = deployed.handleRequest(withdrawAs(postId, caller),
                LocalContext.withRemainingTime("PublisherFunction", () -> 30_000));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode history = client.post(postId).get("history");
        assertThat(history.get(history.size() - 1).get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(history.get(history.size() - 1).get("by").asText()).isEqualTo(caller);
    }

    /** The event API Gateway sends for a SigV4-signed withdrawal that its IAM authoriser let through. */
    private static APIGatewayV2HTTPEvent withdrawAs(String postId, String callerArn) {
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST")
                        .withPath("/admin/v1/tenants/oslo/posts/" + postId + "/withdraw").withSourceIp("10.0.0.1").build())
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder().withUserArn(callerArn)
                                .withAccountId("123456789012").build()).build());
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /admin/v1/tenants/{tenantId}/posts/{postId}/withdraw")
                .withRawPath("/admin/v1/tenants/oslo/posts/" + postId + "/withdraw")
                .withPathParameters(Map.of("tenantId", "oslo", "postId", postId))
                .withHeaders(Map.of("content-type", "application/json")).withRequestContext(context.build()).build();
    }
}
