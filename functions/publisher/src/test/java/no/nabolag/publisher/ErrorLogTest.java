package no.nabolag.publisher;

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
        PublisherHandler handler = new PublisherHandler(unreachableAws());
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRouteKey("GET /admin/v1/tenants/{tenantId}/organizations")
                .withRawPath("/admin/v1/tenants/oslo/organizations").withPathParameters(Map.of("tenantId", "oslo")).withHeaders(Map.of("authorization", "Bearer admin-token"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").build()).build())
                .build();

        List<JsonNode> errors = errorLinesOf(() -> assertThat(handler.handleRequest(event, context("req-publisher"))
                .getStatusCode()).isEqualTo(500));

        assertEveryErrorNamesTheInvocationAndCarriesItsStackTrace(errors, "req-publisher");
    }
}
