package no.nabolag.fanout;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import no.nabolag.aws.AwsClients;
import no.nabolag.aws.delivery.DynamoDbDeliveryPosts;
import no.nabolag.aws.delivery.SqsDeliveryQueue;
import no.nabolag.aws.subscription.DynamoDbAudienceShardCount;
import no.nabolag.core.config.Settings;
import no.nabolag.core.delivery.FanoutService;
import no.nabolag.core.json.Json;
import no.nabolag.core.log.JsonLog;
import no.nabolag.core.metrics.Metrics;
import no.nabolag.core.subscription.AudienceShard;
import no.nabolag.core.subscription.AudienceShardCount;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SQS trigger on the fan-out queue ({"postId"} per published post): plans the post's delivery over the audience shards
 * of each targeted district, urgent posts on the emergency lane's queue and the others on the ordinary one (see
 * {@link FanoutService}). Failed records are reported individually (ReportBatchItemFailures).
 */
public final class FanoutHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final JsonLog LOG = JsonLog.forClass(FanoutHandler.class);
    private final FanoutService service;
    private final Metrics metrics;

    public FanoutHandler() {
        this(Settings.fromEnvironment());
    }

    public FanoutHandler(Settings settings) {
        this(settings, AwsClients.dynamoDb(settings));
    }

    private FanoutHandler(Settings settings, DynamoDbClient dynamoDb) {
        this(new FanoutService(
                new DynamoDbDeliveryPosts(dynamoDb, settings.require("POSTS_TABLE")),
                // Settings read inline, in the queue's constructor call: the template's policy test ties each queue
                // setting to the class constructed with it.
                new FanoutService.Lane(new SqsDeliveryQueue(AwsClients.sqs(settings),
                        settings.require("DELIVERY_QUEUE_URL")), workers(settings, "DELIVERY_CONCURRENCY")),
                new FanoutService.Lane(new SqsDeliveryQueue(AwsClients.sqs(settings),
                        settings.require("URGENT_DELIVERY_QUEUE_URL")), workers(settings, "URGENT_DELIVERY_CONCURRENCY")),
                shardsToRead(settings.getInt("AUDIENCE_SHARDS", AudienceShard.DEFAULT_SHARDS),
                        new DynamoDbAudienceShardCount(dynamoDb, settings.require("CATALOG_TABLE"))),
                Duration.ofSeconds(3),
                d -> Thread.sleep(d.toMillis())), new Metrics("fanout"));
    }

    /** A lane's workers (a post gets one chain of shard tasks per worker). */
    static int workers(Settings settings, String concurrency) {
        return Math.max(1, settings.getInt(concurrency, 2));
    }

    /** Every shard subscriptions may be stored in: one read per post, so a changed AudienceShards drops nobody. */
    public static IntSupplier shardsToRead(int configured, AudienceShardCount stored) {
        return () -> AudienceShardCount.toRead(configured, stored.stored());
    }

    public FanoutHandler(FanoutService service, Metrics metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    /** The entry point: every log line of the invocation carries its request id ({@link JsonLog#requestScope}). */
    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        try (var scope = JsonLog.requestScope(context == null ? null : context.getAwsRequestId())) {
            return handle(event, context);
        }
    }

    private SQSBatchResponse handle(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            long started = System.nanoTime();
            try {
                String postId = postId(message.getBody());
                service.fanOut(postId);
                metrics.milliseconds("FanoutDuration", (System.nanoTime() - started) / 1_000_000,
                        Map.of("postId", postId));
            } catch (RuntimeException e) {
                LOG.error("Fan-out failed; left to redelivery", e, Map.of("messageId", message.getMessageId()));
                failures.add(SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    static String postId(String body) {
        try {
            JsonNode postId = Json.readTree(body).get("postId");
            if (postId == null || !postId.isTextual() || postId.asText().isBlank()) {
                throw new IllegalArgumentException("Fan-out message without postId");
            }
            return postId.asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Fan-out message is not JSON", e);
        }
    }
}
