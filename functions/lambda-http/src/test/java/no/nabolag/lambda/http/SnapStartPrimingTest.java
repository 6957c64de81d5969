package no.nabolag.lambda.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import no.nabolag.lambda.http.web.HttpResponse;
import no.nabolag.lambda.http.web.Router;
import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {
    private final List<String> answered = new ArrayList<>();

    private final HttpApiHandler handler = new HttpApiHandler() {
        private final Router router = new Router()
                .route("GET /v1/tenants", r -> record(r.routeKey()))
                .route("GET /v1/openapi.yaml", r -> {
                    record(r.routeKey());
                    throw new IllegalStateException("a failing route");
                })
                .route("GET /v1/devices/{deviceId}/feed", r -> record(r.routeKey()))
                .route("POST /v1/devices", r -> record(r.routeKey()))
                .route("$default", r -> record(r.routeKey()));

        @Override
        protected Router router() {
            return router;
        }
    };

    private HttpResponse record(String routeKey) {
        answered.add(routeKey);
        return HttpResponse.json(200, java.util.Map.of());
    }

    @Test
    void primingAnswersOnlyGetRoutesWithoutPathParameters() {
        // Act
        int primed = handler.prime();

        // Assert
        assertThat(answered).containsExactlyInAnyOrder("GET /v1/tenants", "GET /v1/openapi.yaml");
        assertThat(primed).isEqualTo(2);
    }

    @Test
    void aFailingPrimingRequestNeverEscapes() {
        assertThat(handler.primingRequests()).extracting(r -> r.method()).containsOnly("GET");
        handler.prime(); // the failing route is answered as a 500 problem by the router, nothing is thrown
    }
}
