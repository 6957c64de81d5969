package no.nabolag.resident;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.HashMap;
import java.util.Map;
import no.nabolag.core.config.Settings;
import no.nabolag.lambda.http.web.HttpRequest;
import org.junit.jupiter.api.Test;

/** The Lambda entry point, without AWS. */
class ResidentApiHandlerTest {
    private static Settings settings() {
        return settings(Map.of());
    }

    private static Settings settings(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(extra);
        for (String table : new String[] {"CATALOG_TABLE", "DEVICES_TABLE", "SUBSCRIPTIONS_TABLE", "POSTS_TABLE",
                "FEED_TABLE", "DELIVERY_TABLE"}) {
            values.put(table, "t");
        }
        values.put("ENDPOINT_QUEUE_URL", "http://127.0.0.1:1/queue/endpoints");
        values.put("AWS_REGION", "eu-north-1");
        values.put("AWS_ACCESS_KEY_ID", "x");
        values.put("AWS_SECRET_ACCESS_KEY", "x");
        return Settings.of(values);
    }

    @Test
    void primingOnlyReadsAndNeverAFeedPageThatWouldBeCached() {
        ResidentApiHandler handler = new ResidentApiHandler(settings());

        var requests = handler.primingRequests();

        assertThat(requests).extracting(HttpRequest::routeKey).contains("GET /v1/tenants", "GET /v1/openapi.yaml",
                "GET /v1/posts/{postId}", "GET /v1/devices/{deviceId}/feed");
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.routeKey()).doesNotStartWith("GET /v1/districts/");
            assertThat(handler.router().routeKeys()).contains(r.routeKey());
        });
    }

    private static APIGatewayV2HTTPEvent openApiRequest() {
        return APIGatewayV2HTTPEvent.builder().withRouteKey("GET /v1/openapi.yaml").withRawPath("/v1/openapi.yaml")
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").build()).build())
                .build();
    }

    @Test
    void serverTimingIsSentOnlyWhereTheSettingTurnsItOn() {
        var byDefault = new ResidentApiHandler(settings()).handleRequest(openApiRequest(), null);
        var off = new ResidentApiHandler(settings(Map.of("SERVER_TIMING", "off"))).handleRequest(openApiRequest(), null);
        var on = new ResidentApiHandler(settings(Map.of("SERVER_TIMING", "on"))).handleRequest(openApiRequest(), null);

        assertThat(byDefault.getStatusCode()).isEqualTo(200);
        assertThat(byDefault.getHeaders()).doesNotContainKey("server-timing").containsEntry("x-content-type-options",
                "nosniff");
        assertThat(off.getHeaders()).doesNotContainKey("server-timing");
        assertThat(on.getHeaders().get("server-timing")).startsWith("handler;dur=").contains("aws;dur=");
    }
}
