package no.nabolag.fanout;

import static no.nabolag.core.log.ErrorLogFixtures.context;
import static no.nabolag.core.log.ErrorLogFixtures.unreachableAws;
import static no.nabolag.core.log.LoggedErrors.assertEveryErrorNamesTheInvocationAndCarriesItsStackTrace;
import static no.nabolag.core.log.LoggedErrors.errorLinesOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every error the function logs names the invocation (awsRequestId) and carries the stack trace. */
class ErrorLogTest {
    @Test
    void aFailedRecordIsLoggedWithItsStackTraceAndRequestId() {
        FanoutHandler handler = new FanoutHandler(unreachableAws());
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m1");
        message.setBody("{\"postId\":\"p1\"}");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));

        List<JsonNode> errors = errorLinesOf(() -> assertThat(handler.handleRequest(event, context("req-fanout"))
                .getBatchItemFailures()).hasSize(1));

        assertEveryErrorNamesTheInvocationAndCarriesItsStackTrace(errors, "req-fanout");
    }
}
