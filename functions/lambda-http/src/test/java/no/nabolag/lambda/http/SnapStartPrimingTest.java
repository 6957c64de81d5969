package no.nabolag.lambda.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
        // Act: the GET /v1/openapi.yaml route throws
        int[] primed = new int[1];
        Throwable thrown = catchThrowable(() -> primed[0] = handler.prime());

        // Assert: the failure was answered (as a 500 problem, by the router) and priming went on to the end
        assertThat(thrown).isNull();
        assertThat(answered).contains("GET /v1/openapi.yaml", "GET /v1/tenants");
        assertThat(primed[0]).as("the failed route was still answered (a 500), so it counts").isEqualTo(2);
        assertThat(handler.primingRequests()).extracting(r -> r.method()).containsOnly("GET");
    }

    @Test
    void aRouteThatFailsBeyondTheRouterDoesNotStopPriming() {
        // Arrange: a route that throws an Error (as a class missing at snapshot time would); the router lets it pass
        List<String> reached = new ArrayList<>();
        HttpApiHandler failing = new HttpApiHandler() {
            private final Router router = new Router()
                    .route("GET /a", r -> {
                        reached.add(r.routeKey());
                        throw new NoClassDefFoundError("a class missing from the snapshot");
                    })
                    .route("GET /b", r -> {
                        reached.add(r.routeKey());
                        return HttpResponse.json(200, java.util.Map.of());
                    });

            @Override
            protected Router router() {
                return router;
            }
        };

        // Act
        int[] primed = new int[1];
        Throwable thrown = catchThrowable(() -> primed[0] = failing.prime());

        // Assert: nothing escaped, both were tried, only the one that answered counts
        assertThat(thrown).isNull();
        assertThat(reached).containsExactlyInAnyOrder("GET /a", "GET /b");
        assertThat(primed[0]).isEqualTo(1);
    }
}
