package no.nabolag.devices;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nabolag.aws.AwsClients;
import no.nabolag.aws.device.DynamoDbAppDirectory;
import no.nabolag.aws.subscription.DynamoDbAudienceShardCount;
import no.nabolag.core.config.Settings;
import no.nabolag.core.delivery.TokenBucket;
import no.nabolag.core.device.AppPlatforms;
import no.nabolag.core.device.CachedAppDirectory;
import no.nabolag.core.device.EndpointService;
import no.nabolag.core.error.UnavailableException;
import no.nabolag.core.json.Json;
import no.nabolag.core.log.JsonLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SQS trigger on EndpointQueue ({"deviceId"} per registration or token change): makes the device's SNS endpoint
 * ({@link EndpointService}), paced so that all workers together stay within ENDPOINT_CREATE_RATE_PER_SECOND.
 * A message that fails (SNS throttling beyond the SDK's retries, an AWS error) is reported alone and comes back
 * after the visibility timeout.
 */
public final class EndpointHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    static final int DEFAULT_RATE = 30;
    /** How long a container keeps an app it read: an app retired through the admin API is seen within it. */
    static final Duration APP_TTL = Duration.ofSeconds(20);
    private static final JsonLog LOG = JsonLog.forClass(EndpointHandler.class);
    private final EndpointService service;

    public EndpointHandler() {
        this(Settings.fromEnvironment());
    }

    public EndpointHandler(Settings settings) {
        this(service(settings, Clock.systemUTC()));
    }

    public EndpointHandler(EndpointService service) {
        this.service = service;
    }

    /** Endpoint creations per second of one worker: the account's rate shared by the workers that may run at once. */
    static double workerRate(Settings settings) {
        int rate = settings.getInt("ENDPOINT_CREATE_RATE_PER_SECOND", DEFAULT_RATE);
        int workers = Math.max(1, settings.getInt("ENDPOINT_CONCURRENCY", 2));
        return (double) rate / workers;
    }

    static EndpointService service(Settings settings, Clock clock) {
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings);
        DeviceWiring wiring = new DeviceWiring(settings, dynamoDb, AwsClients.sns(settings),
                new DynamoDbAudienceShardCount(dynamoDb, settings.require("CATALOG_TABLE")), clock);
        var apps = new CachedAppDirectory(new DynamoDbAppDirectory(dynamoDb, settings.require("CATALOG_TABLE"),
                AppPlatforms.defaultApp(settings.find("APNS_PLATFORM_APPLICATION_ARN"),
                        settings.find("FCM_PLATFORM_APPLICATION_ARN"))), APP_TTL, clock);
        TokenBucket pace = new TokenBucket(workerRate(settings));
        return new EndpointService(wiring.devices, apps, wiring.ownership, wiring.endpoints, wiring.subscriptions,
                wiring.erasure, pace::acquire, clock);
    }

    /** The entry point: every log line of the invocation carries its request id ({@link JsonLog#requestScope}). */
    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        try (var scope = JsonLog.requestScope(context == null ? null : context.getAwsRequestId())) {
            return handle(event);
        }
    }

    private SQSBatchResponse handle(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                service.ensure(deviceId(message.getBody()));
            } catch (UnavailableException e) {
                LOG.warn("Endpoint not made yet; left to redelivery", Map.of("messageId", message.getMessageId(),
                        "reason", e.detail()));
                failures.add(failure(message));
            } catch (RuntimeException e) {
                LOG.error("Endpoint request failed; left to redelivery", e, Map.of("messageId", message.getMessageId()));
                failures.add(failure(message));
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private static SQSBatchResponse.BatchItemFailure failure(SQSEvent.SQSMessage message) {
        return SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build();
    }

    static String deviceId(String body) {
        try {
            JsonNode deviceId = Json.readTree(body).get("deviceId");
            if (deviceId == null || !deviceId.isTextual() || deviceId.asText().isBlank()) {
                throw new IllegalArgumentException("Endpoint request without deviceId");
            }
            return deviceId.asText();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Endpoint request is not JSON", e);
        }
    }
}
