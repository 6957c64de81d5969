package no.nabolag.resident;

import static no.nabolag.core.log.ErrorLogFixtures.context;
import static no.nabolag.core.log.ErrorLogFixtures.unreachableAws;
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
        ResidentApiHandler handler = new ResidentApiHandler(unreachableAws());
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRouteKey("GET /v1/tenants")
                .withRawPath("/v1/tenants").withHeaders(Map.of())
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").build()).build())
                .build();

        List<JsonNode> errors = errorLinesOf(() -> assertThat(handler.handleRequest(event, context("req-resident"))
                .getStatusCode()).isEqualTo(500));

        assertEveryErrorNamesTheInvocationAndCarriesItsStackTrace(errors, "req-resident");
    }
}
