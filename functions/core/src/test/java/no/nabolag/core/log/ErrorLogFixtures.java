package no.nabolag.core.log;

import com.amazonaws.services.lambda.runtime.Context;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import no.nabolag.core.config.Settings;

/**
 * What each function's ErrorLogTest hands its handler, in one place: a Lambda Context that names the invocation, and
 * settings under which every AWS call fails at once.
 */
public final class ErrorLogFixtures {
    private ErrorLogFixtures() {
    }

    /** A Lambda Context that names the invocation (ten minutes left, 1 GB). */
    public static Context context(String awsRequestId) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> awsRequestId;
                    case "getRemainingTimeInMillis" -> 600_000;
                    case "getMemoryLimitInMB" -> 1024;
                    default -> null;
                });
    }

    /**
     * Every table, queue and secret any function reads, with every AWS endpoint a closed port on this machine: each
     * AWS call fails at once.
     */
    public static Settings unreachableAws() {
        Map<String, String> values = new HashMap<>();
        for (String name : new String[] {"CATALOG_TABLE", "DEVICES_TABLE", "SUBSCRIPTIONS_TABLE", "POSTS_TABLE",
                "FEED_TABLE", "ORGANIZATIONS_TABLE", "DELIVERY_TABLE"}) {
            values.put(name, "t");
        }
        for (String name : new String[] {"FANOUT_QUEUE_URL", "DELIVERY_QUEUE_URL", "URGENT_DELIVERY_QUEUE_URL",
                "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_SNS",
                "AWS_ENDPOINT_URL_SECRETS_MANAGER"}) {
            values.put(name, "http://127.0.0.1:1");
        }
        values.put("ENDPOINT_QUEUE_URL", "http://127.0.0.1:1/queue/endpoints");
        values.put("SIGNING_SECRET_ARN", "arn:aws:secretsmanager:eu-north-1:000000000000:secret:keys");
        values.put("AWS_REGION", "eu-north-1");
        values.put("AWS_ACCESS_KEY_ID", "x");
        values.put("AWS_SECRET_ACCESS_KEY", "x");
        values.put("ADMIN_AUTH", "bearer");
        values.put("NABOLAG_ADMIN_TOKEN", "admin-token");
        return Settings.of(values);
    }
}
