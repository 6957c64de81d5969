package no.nabolag.devices;

import static no.nabolag.core.log.LoggedErrors.assertEveryErrorNamesTheInvocationAndCarriesItsStackTrace;
import static no.nabolag.core.log.LoggedErrors.errorLinesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nabolag.core.config.Settings;
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

    /** A Lambda Context that names the invocation. */
    private static Context context(String awsRequestId) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> awsRequestId;
                    case "getRemainingTimeInMillis" -> 600_000;
                    case "getMemoryLimitInMB" -> 1024;
                    default -> null;
                });
    }

    /** Every AWS endpoint is a closed port on this machine: each AWS call fails at once. */
    private static Settings unreachableAws() {
        Map<String, String> values = new HashMap<>();
        for (String name : new String[] {"CATALOG_TABLE", "DEVICES_TABLE", "SUBSCRIPTIONS_TABLE", "DELIVERY_TABLE"}) {
            values.put(name, "t");
        }
        for (String name : new String[] {"ENDPOINT_QUEUE_URL", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SQS",
                "AWS_ENDPOINT_URL_SNS"}) {
            values.put(name, "http://127.0.0.1:1");
        }
        values.put("AWS_REGION", "eu-north-1");
        values.put("AWS_ACCESS_KEY_ID", "x");
        values.put("AWS_SECRET_ACCESS_KEY", "x");
        return Settings.of(values);
    }
}
