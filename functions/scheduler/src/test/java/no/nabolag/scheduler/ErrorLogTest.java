package no.nabolag.scheduler;

import static no.nabolag.core.log.ErrorLogFixtures.context;
import static no.nabolag.core.log.ErrorLogFixtures.unreachableAws;
import static no.nabolag.core.log.LoggedErrors.assertEveryErrorNamesTheInvocationAndCarriesItsStackTrace;
import static no.nabolag.core.log.LoggedErrors.errorLinesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every error the function logs names the invocation (awsRequestId) and carries the stack trace. */
class ErrorLogTest {
    @Test
    void failedDutiesAreLoggedWithTheirStackTracesAndRequestId() {
        SchedulerHandler handler = new SchedulerHandler(unreachableAws());

        List<JsonNode> errors = errorLinesOf(() -> assertThatThrownBy(() ->
                handler.handleRequest(new ScheduledEvent(), context("req-scheduler"))).isInstanceOf(RuntimeException.class));

        assertThat(errors).hasSize(3);
        assertEveryErrorNamesTheInvocationAndCarriesItsStackTrace(errors, "req-scheduler");
    }
}
