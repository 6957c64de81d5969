package no.nabolag.local.resident;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import no.nabolag.local.LocalStack;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Waits for what the endpoint worker does after a registration or a token change (EndpointQueue). */
final class Endpoints {
    private Endpoints() {
    }

    static Map<String, AttributeValue> deviceItem(LocalStack stack, String deviceId) {
        return stack.dynamoDb().getItem(r -> r.tableName(stack.tableName("DevicesTable"))
                .key(Map.of("deviceId", AttributeValue.fromS(deviceId))).consistentRead(true)).item();
    }

    /** The device item once its endpoint is made (endpointState READY); fails after 60 s. */
    static Map<String, AttributeValue> awaitReady(LocalStack stack, String deviceId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Map<String, AttributeValue> item = Map.of();
        while (Instant.now().isBefore(deadline)) {
            item = deviceItem(stack, deviceId);
            if (item != null && item.get("endpointState") != null && "READY".equals(item.get("endpointState").s())
                    && item.get("endpointArn") != null) {
                return item;
            }
            sleep(50);
        }
        throw new AssertionError("The endpoint of device " + deviceId + " was not made within 60 s: " + item);
    }

    /** The endpoint ARN once the device's endpoint is made. */
    static String awaitArn(LocalStack stack, String deviceId) {
        return awaitReady(stack, deviceId).get("endpointArn").s();
    }

    /** Waits until the device item's endpointArn is not {@code previous} any more (a token change was worked). */
    static String awaitNewArn(LocalStack stack, String deviceId, String previous) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Map<String, AttributeValue> item = awaitReady(stack, deviceId);
            if (!item.get("endpointArn").s().equals(previous)) {
                return item.get("endpointArn").s();
            }
            sleep(50);
        }
        throw new AssertionError("The endpoint of device " + deviceId + " did not change within 60 s");
    }

    /**
     * Waits until every subscription item of the device carries its endpoint: the worker marks the device ready
     * first and rewrites its subscriptions after, so a test that reads the items must wait for both.
     */
    static void awaitEndpointOnSubscriptions(LocalStack stack, String deviceId) {
        String arn = awaitArn(stack, deviceId);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            boolean written = stack.dynamoDb().query(r -> r.tableName(stack.tableName("SubscriptionsTable"))
                            .keyConditionExpression("deviceId = :d").consistentRead(true)
                            .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(deviceId)))).items().stream()
                    .allMatch(item -> item.get("endpointArn") != null && arn.equals(item.get("endpointArn").s()));
            if (written) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("The subscriptions of device " + deviceId + " did not get its endpoint within 60 s");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
