package no.nabolag.console;

import static no.nabolag.core.log.ErrorLogFixtures.context;
import static no.nabolag.core.log.LoggedErrors.assertEveryErrorNamesTheInvocationAndCarriesItsStackTrace;
import static no.nabolag.core.log.LoggedErrors.errorLinesOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every error the function logs names the invocation (awsRequestId) and carries the stack trace. */
class ErrorLogTest {
    @Test
    void aFailedRequestIsLoggedWithItsStackTraceAndRequestId() {
        // A console without its domain services: any page that needs them fails (a NullPointerException)
        try (TestConsole console = new TestConsole()) {
            String session = console.signIn(List.of("editor-frogner"));
            APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRouteKey("GET /console/posts")
                    .withRawPath("/console/posts").withHeaders(Map.of()).withCookies(List.of(session))
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET")
                                    .withPath("/console/posts").build()).build())
                    .build();

            List<JsonNode> errors = errorLinesOf(() -> assertThat(console.function.handleRequest(event,
                    context("req-console")).getStatusCode()).isEqualTo(500));

            assertEveryErrorNamesTheInvocationAndCarriesItsStackTrace(errors, "req-console");
            assertThat(errors).anySatisfy(line -> assertThat(line.path("errorType").asText())
                    .isEqualTo("java.lang.NullPointerException"));
        }
    }
}
