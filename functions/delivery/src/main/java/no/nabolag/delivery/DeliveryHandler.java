package no.nabolag.delivery;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import no.nabolag.aws.AwsClients;
import no.nabolag.aws.delivery.DynamoDbAudienceReader;
import no.nabolag.aws.delivery.DynamoDbDeliveryLedger;
import no.nabolag.aws.delivery.DynamoDbDeliveryPosts;
import no.nabolag.aws.delivery.DynamoDbEndpointDeactivator;
import no.nabolag.aws.delivery.SnsPushGateway;
import no.nabolag.aws.delivery.SqsDeliveryQueue;
import no.nabolag.core.config.Settings;
import no.nabolag.core.delivery.Backoff;
import no.nabolag.core.delivery.DeliveryService;
import no.nabolag.core.delivery.DeliveryTask;
import no.nabolag.core.delivery.PushDispatcher;
import no.nabolag.core.delivery.TokenBucket;
import no.nabolag.core.log.JsonLog;
import no.nabolag.core.metrics.Metrics;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsAsyncClient;

/**
 * SQS trigger (batch size 1): works one delivery task, an audience shard of a post or a minute of deferred pushes.
 * A task that fails is reported as a batch item failure, so SQS redelivers it and finally moves it to the DLQ.
 *
 * <p>Pacing: the account's SNS quota (PUSH_RATE_PER_SECOND) is shared by the delivery workers. The event source's
 * ScalingConfig (MaximumConcurrency) and the function's reserved concurrency cap them at DELIVERY_CONCURRENCY, so
 * each worker paces itself to PUSH_RATE_PER_SECOND / DELIVERY_CONCURRENCY; together they can never exceed the quota.
 * PUSH_RATE_PER_SECOND=0 turns pacing off (benchmarks). PUSH_CONCURRENCY bounds the publishes in flight per worker,
 * AUDIENCE_PAGE_SIZE the subscription items read (and recorded as done) per page.
 */
public final class DeliveryHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    public static final int DEFAULT_RATE = 300;
    public static final int DEFAULT_CONCURRENCY = 2;
    /** Time kept in hand when a run hands the rest of its shard to a continuation message. */
    static final Duration RESERVE = Duration.ofSeconds(30);
    private static final JsonLog LOG = JsonLog.forClass(DeliveryHandler.class);

    private final DeliveryService service;

    public DeliveryHandler() {
        this(Settings.fromEnvironment());
    }

    public DeliveryHandler(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    /** With a clock, for tests of quiet hours. */
    public DeliveryHandler(Settings settings, Clock clock) {
        this(service(settings, clock, snsClient(settings, pushConcurrency(settings))));
    }

    public DeliveryHandler(DeliveryService service) {
        this.service = service;
    }

    /** Per-worker publish rate: the account quota divided by the most workers that may run at once. */
    public static double workerRate(Settings settings) {
        int rate = settings.getInt("PUSH_RATE_PER_SECOND", DEFAULT_RATE);
        int workers = Math.max(1, settings.getInt("DELIVERY_CONCURRENCY", DEFAULT_CONCURRENCY));
        return rate <= 0 ? 0 : (double) rate / workers;
    }

    static int pushConcurrency(Settings settings) {
        return settings.getInt("PUSH_CONCURRENCY", 64);
    }

    /** The async SNS client: Netty, bounded connections, no SDK retry of throttling (our backoff does that). */
    public static SnsAsyncClient snsClient(Settings settings, int maxConcurrency) {
        return AwsClients.configure(SnsAsyncClient.builder(), settings, AwsClients.SNS_ENDPOINT)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(maxConcurrency)
                        .maxPendingConnectionAcquires(10_000)
                        .connectionAcquisitionTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(o -> o.retryStrategy(SnsPushGateway.retryStrategy()))
                // Completing futures on the I/O thread saves a thread hop per push; our callbacks are tiny.
                .asyncConfiguration(a -> a.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR,
                        Runnable::run))
                .build();
    }

    public static DeliveryService service(Settings settings, Clock clock, SnsAsyncClient sns) {
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings);
        int pageSize = settings.getInt("AUDIENCE_PAGE_SIZE", 250);
        double workerRate = workerRate(settings);
        TokenBucket bucket = new TokenBucket(workerRate);
        Duration lease = Duration.ofMinutes(2);
        if (workerRate > 0) {
            lease = lease.plusSeconds((long) (3 * pageSize / workerRate));
        }
        PushDispatcher dispatcher = new PushDispatcher(new SnsPushGateway(sns), bucket, pushConcurrency(settings),
                Backoff.standard());
        return new DeliveryService(
                new DynamoDbAudienceReader(dynamoDb, settings.require("SUBSCRIPTIONS_TABLE")),
                new DynamoDbDeliveryLedger(dynamoDb, settings.require("DELIVERY_TABLE")),
                new DynamoDbDeliveryPosts(dynamoDb, settings.require("POSTS_TABLE")),
                dispatcher,
                new DynamoDbEndpointDeactivator(dynamoDb, settings.require("DEVICES_TABLE"),
                        settings.require("SUBSCRIPTIONS_TABLE")),
                new SqsDeliveryQueue(AwsClients.sqs(settings), settings.require("DELIVERY_QUEUE_URL")),
                clock,
                new Metrics("delivery"),
                pageSize,
                lease,
                RESERVE);
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
        LongSupplier remaining = context == null ? () -> Long.MAX_VALUE : () -> context.getRemainingTimeInMillis();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                service.run(DeliveryTask.parse(message.getBody()), remaining);
            } catch (RuntimeException e) {
                LOG.error("Delivery task failed; left to redelivery", e, Map.of("messageId", message.getMessageId()));
                failures.add(SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
