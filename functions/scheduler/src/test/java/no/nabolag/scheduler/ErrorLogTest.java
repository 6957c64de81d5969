package no.nabolag.scheduler;

import static no.nabolag.core.log.LoggedErrors.assertEveryErrorNamesTheInvocationAndCarriesItsStackTrace;
import static no.nabolag.core.log.LoggedErrors.errorLinesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nabolag.core.config.Settings;
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

    /** A Lambda Context that names the invocation. */
    private static Context context(String awsRequestId) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> awsRequestId;
                    case "getRemainingTimeInMillis" -> 60_000;
                    case "getMemoryLimitInMB" -> 1024;
                    default -> null;
                });
    }

    /** Every AWS endpoint is a closed port on this machine: each AWS call fails at once. */
    private static Settings unreachableAws() {
        Map<String, String> values = new HashMap<>();
        for (String name : new String[] {"CATALOG_TABLE", "DEVICES_TABLE", "SUBSCRIPTIONS_TABLE", "POSTS_TABLE",
                "FEED_TABLE", "ORGANIZATIONS_TABLE", "DELIVERY_TABLE"}) {
            values.put(name, "t");
        }
        for (String name : new String[] {"FANOUT_QUEUE_URL", "DELIVERY_QUEUE_URL", "AWS_ENDPOINT_URL_DYNAMODB",
                "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_SNS", "AWS_ENDPOINT_URL_SECRETS_MANAGER"}) {
            values.put(name, "http://127.0.0.1:1");
        }
        values.put("SIGNING_SECRET_ARN", "arn:aws:secretsmanager:eu-north-1:000000000000:secret:keys");
        values.put("AWS_REGION", "eu-north-1");
        values.put("AWS_ACCESS_KEY_ID", "x");
        values.put("AWS_SECRET_ACCESS_KEY", "x");
        values.put("ADMIN_AUTH", "bearer");
        values.put("NABOLAG_ADMIN_TOKEN", "admin-token");
        return Settings.of(values);
    }
}
