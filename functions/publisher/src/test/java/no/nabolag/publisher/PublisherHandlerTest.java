package no.nabolag.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.Map;
import no.nabolag.core.config.Settings;
import no.nabolag.lambda.http.web.HttpRequest;
import no.nabolag.lambda.http.web.HttpResponse;
import org.junit.jupiter.api.Test;

/** The Lambda entry point, without AWS: admin requests in IAM mode must carry API Gateway's IAM context. */
class PublisherHandlerTest {
    private static Settings settings(String adminAuth) {
        Map<String, String> values = new HashMap<>();
        for (String table : new String[] {"CATALOG_TABLE", "ORGANIZATIONS_TABLE", "POSTS_TABLE", "FEED_TABLE",
                "SUBSCRIPTIONS_TABLE"}) {
            values.put(table, "t");
        }
        values.put("FANOUT_QUEUE_URL", "http://127.0.0.1:1/q");
        values.put("AWS_REGION", "eu-north-1");
        values.put("AWS_ACCESS_KEY_ID", "x");
        values.put("AWS_SECRET_ACCESS_KEY", "x");
        values.put("ADMIN_AUTH", adminAuth);
        values.put("NABOLAG_ADMIN_TOKEN", "token");
        return Settings.of(values);
    }

    private static APIGatewayV2HTTPEvent adminRequest(boolean iamContext, String authorization) {
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").build());
        if (iamContext) {
            context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder().withUserArn("arn:aws:iam::1:user/team").build())
                    .build());
        }
        return APIGatewayV2HTTPEvent.builder().withRouteKey("GET /admin/v1/tenants/{tenantId}/posts")
                .withRawPath("/admin/v1/tenants/oslo/posts").withPathParameters(Map.of("tenantId", "oslo"))
                .withRawQueryString("status=LOST")
                .withHeaders(authorization == null ? Map.of() : Map.of("Authorization", authorization))
                .withRequestContext(context.build()).build();
    }

    @Test
    void iamModeRefusesAdminRequestsWithoutTheAuthorisersContext() {
        PublisherHandler handler = new PublisherHandler(settings("iam"));

        APIGatewayV2HTTPResponse without = handler.handleRequest(adminRequest(false, null), null);
        APIGatewayV2HTTPResponse with = handler.handleRequest(adminRequest(true, null), null);

        assertThat(without.getStatusCode()).isEqualTo(403);
        assertThat(without.getHeaders()).containsEntry("content-type", "application/problem+json")
                .containsEntry("x-content-type-options", "nosniff");
        assertThat(with.getStatusCode()).isEqualTo(400); // past authorisation: the unknown status is refused
    }

    @Test
    void primingRendersTheFormPagesWithoutTouchingAws() {
        PublisherHandler handler = new PublisherHandler(settings("bearer"));

        var statuses = handler.primingRequests().stream().map(r -> r.routeKey() + " " + handler.router().handle(r).status())
                .toList();

        assertThat(statuses).contains("GET /p/{linkToken} 403", "GET /p/assets/{file} 200",
                "GET /admin/v1/tenants/{tenantId}/posts 401");
    }

    @Test
    void bearerModeChecksTheToken() {
        PublisherHandler handler = new PublisherHandler(settings("bearer"));

        assertThat(handler.handleRequest(adminRequest(false, null), null).getStatusCode()).isEqualTo(401);
        assertThat(handler.handleRequest(adminRequest(true, "Bearer nope"), null).getStatusCode()).isEqualTo(403);
        assertThat(handler.handleRequest(adminRequest(false, "Bearer token"), null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void anIdLongerThanAnyWeIssueIsNotFoundBeforeItReachesDynamoDb() {
        PublisherHandler handler = new PublisherHandler(settings("bearer"));
        String huge = "x".repeat(3000);

        HttpResponse post = handler.router().handle(admin("GET /admin/v1/tenants/{tenantId}/posts/{postId}",
                Map.of("tenantId", "oslo", "postId", huge)));
        HttpResponse tenant = handler.router().handle(admin("GET /admin/v1/tenants/{tenantId}/organizations",
                Map.of("tenantId", huge)));
        HttpResponse link = handler.router().handle(admin("DELETE /admin/v1/tenants/{tenantId}/links/{linkId}",
                Map.of("tenantId", "oslo", "linkId", "ø".repeat(200))));
        HttpResponse created = handler.router().handle(admin("PUT /admin/v1/tenants/{tenantId}",
                Map.of("tenantId", huge)));

        assertThat(post.status()).isEqualTo(404);
        assertThat(post.headers()).containsEntry("content-type", "application/problem+json");
        assertThat(tenant.status()).isEqualTo(404);
        assertThat(link.status()).as("200 characters of 2 bytes each").isEqualTo(404);
        assertThat(created.status()).as("the id a PUT creates breaks the slug rule: 400 says which").isEqualTo(400);
    }

    private static HttpRequest admin(String routeKey, Map<String, String> pathParameters) {
        return new HttpRequest(routeKey.substring(0, routeKey.indexOf(' ')), "/admin", routeKey, pathParameters, Map.of(),
                Map.of("authorization", "Bearer token"), "{\"name\":\"X\",\"defaultLocale\":\"nb\",\"timeZone\":\"Europe/Oslo\"}",
                "127.0.0.1");
    }
}

