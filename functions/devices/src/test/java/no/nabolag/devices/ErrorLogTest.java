package no.nabolag.devices;

import static no.nabolag.core.log.ErrorLogFixtures.context;
import static no.nabolag.core.log.ErrorLogFixtures.unreachableAws;
import static no.nabolag.core.log.LoggedErrors.assertEveryErrorNamesTheInvocationAndCarriesItsStackTrace;
import static no.nabolag.core.log.LoggedErrors.errorLinesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every error the device functions log names the invocation (awsRequestId) and carries the stack trace. */
class ErrorLogTest {
    @Test
    void aFailedEndpointRequestIsLoggedWithItsStackTraceAndRequestId() {
        EndpointHandler handler = new EndpointHandler(unreachableAws());
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m1");
        message.setBody("{\"deviceId\":\"d1\"}");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));

        List<JsonNode> errors = errorLinesOf(() -> assertThat(handler.handleRequest(event, context("req-endpoint"))
                .getBatchItemFailures()).hasSize(1));

        assertEveryErrorNamesTheInvocationAndCarriesItsStackTrace(errors, "req-endpoint");
    }

    @Test
    void aFailedSweepIsLoggedWithItsStackTraceAndRequestId() {
        DeviceSweepHandler handler = new DeviceSweepHandler(unreachableAws());

        List<JsonNode> errors = errorLinesOf(() -> assertThatThrownBy(
                () -> handler.handleRequest(new ScheduledEvent(), context("req-sweep")))
                .isInstanceOf(RuntimeException.class));

        assertEveryErrorNamesTheInvocationAndCarriesItsStackTrace(errors, "req-sweep");
    }
}
