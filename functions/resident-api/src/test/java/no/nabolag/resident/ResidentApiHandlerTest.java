package no.nabolag.resident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import no.nabolag.core.config.Settings;
import no.nabolag.lambda.http.web.HttpRequest;
import org.junit.jupiter.api.Test;

/** The Lambda entry point, without AWS. */
class ResidentApiHandlerTest {
    private static Settings settings() {
        Map<String, String> values = new HashMap<>();
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
}
