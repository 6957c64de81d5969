package no.nabolag.lambda.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import no.nabolag.lambda.http.web.HttpResponse;
import no.nabolag.lambda.http.web.Problem;
import no.nabolag.lambda.http.web.Router;
import org.junit.jupiter.api.Test;

/** The headers the HTTP adapter puts on every answer, whatever the route returned. */
class StandardHeadersTest {
    private final HttpApiHandler handler = new HttpApiHandler() {
        private final Router router = new Router()
                .route("GET /json", r -> HttpResponse.json(200, Map.of("ok", true)))
                .route("GET /secret", r -> {
                    throw Problem.unauthorized("Send Authorization: Bearer <device secret>").exception();
                })
                .route("GET /own-challenge", r -> new HttpResponse(401,
                        Map.of("www-authenticate", "Bearer error=\"invalid_token\""), ""))
                .route("GET /page", r -> new HttpResponse(200, Map.of("content-type", "text/html",
                        "x-content-type-options", "nosniff"), "<p>hi</p>"));

        @Override
        protected Router router() {
            return router;
        }
    };

    private APIGatewayV2HTTPResponse get(String path) {
        return handler.handleRequest(APIGatewayV2HTTPEvent.builder().withRouteKey("GET " + path).withRawPath(path)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").build()).build())
                .build(), null);
    }

    @Test
    void everyAnswerForbidsSniffingIncludingProblemsAndUnknownRoutes() {
        for (String path : new String[] {"/json", "/secret", "/page", "/no-such-route"}) {
            assertThat(get(path).getHeaders()).as(path).containsEntry("x-content-type-options", "nosniff");
        }
    }

    @Test
    void a401ChallengesForABearerCredentialUnlessTheRouteSaidMore() {
        APIGatewayV2HTTPResponse unauthorised = get("/secret");

        assertThat(unauthorised.getStatusCode()).isEqualTo(401);
        assertThat(unauthorised.getHeaders()).containsEntry("www-authenticate", "Bearer");
        assertThat(get("/own-challenge").getHeaders()).containsEntry("www-authenticate", "Bearer error=\"invalid_token\"");
        assertThat(get("/json").getHeaders()).doesNotContainKey("www-authenticate");
    }
}
