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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import no.nabolag.aws.AwsClients;
import no.nabolag.aws.delivery.DynamoDbAudienceReader;
import no.nabolag.aws.delivery.DynamoDbDeliveryFiguresStore;
import no.nabolag.aws.delivery.DynamoDbDeliveryLedger;
import no.nabolag.aws.delivery.DynamoDbDeliveryPosts;
import no.nabolag.aws.delivery.DynamoDbEndpointDeactivator;
import no.nabolag.aws.delivery.DynamoDbPushRateLedger;
import no.nabolag.aws.delivery.SnsPushGateway;
import no.nabolag.aws.delivery.SqsDeliveryQueue;
import no.nabolag.core.config.Settings;
import no.nabolag.core.delivery.Backoff;
import no.nabolag.core.delivery.Deferral;
import no.nabolag.core.delivery.DeliveryService;
import no.nabolag.core.delivery.DeliveryTask;
import no.nabolag.core.delivery.PushDispatcher;
import no.nabolag.core.delivery.PushPace;
import no.nabolag.core.delivery.PushRateLedger;
import no.nabolag.core.delivery.SharedPushRate;
import no.nabolag.core.delivery.TokenBucket;
import no.nabolag.core.log.JsonLog;
import no.nabolag.core.metrics.Metrics;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsAsyncClient;

/**
 * SQS trigger: works delivery tasks, each an audience shard of a post (and the next shards of its chain) or a deferral
 * shard of a minute's deferred pushes. The ordinary lane takes one message at a time (batch size 1, one chain of a
 * post per worker); the emergency lane takes batches (every shard task of an urgent post is queued at once) and works
 * a batch's tasks concurrently under the worker's one pace. A task that fails is reported as a batch item failure, so
 * SQS redelivers it and finally moves it to the DLQ.
 *
 * <p>Two lanes run this handler, each as its own function on its own queue (template.yaml): the ordinary lane
 * (DeliveryQueue, DELIVERY_LANE=ordinary) and the emergency lane for urgent posts (UrgentDeliveryQueue,
 * DELIVERY_LANE=urgent). DELIVERY_QUEUE_URL is the lane's own queue, where continuations and the next tasks of a
 * post's chains go.
 *
 * <p>Pacing: every worker of both lanes claims its pushes from the account's SNS quota (PUSH_RATE_PER_SECOND), counted
 * per tenth of a second in the Delivery table ({@link SharedPushRate}, {@link DynamoDbPushRateLedger}): a busy worker
 * uses what idle ones leave, the ordinary lane borrows the urgent reserve (URGENT_PUSH_RATE_PER_SECOND) while no
 * urgent post is being sent, and while one is, ordinary workers leave the reserve to it and the urgent lane may take
 * the whole quota. Together they never exceed the quota, and an urgent post finds its share free however long a
 * city-wide post takes. PUSH_RATE_PER_SECOND=0 turns pacing off (benchmarks). PUSH_CONCURRENCY bounds the publishes in flight per worker, AUDIENCE_PAGE_SIZE the subscription items
 * read (and recorded as done) per page, DELIVERY_TIME_SLICE_SECONDS how long a run works before it takes its turn
 * again at the back of the queue, DEFERRAL_SHARDS over how many keys a minute's deferrals are spread.
 */
public final class DeliveryHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    public static final int DEFAULT_RATE = 300;
    public static final int DEFAULT_CONCURRENCY = 2;
    public static final int DEFAULT_TIME_SLICE_SECONDS = 5;
    /** Deferral writes per key per second we allow ourselves: half of DynamoDB's 1,000 WCU per partition. */
    static final int DEFERRAL_WRITES_PER_KEY = 500;
    /** Deferral keys end in two digits. */
    static final int MAX_DEFERRAL_SHARDS = 99;
    /** Time kept in hand when a run hands the rest of its shard to a continuation message. */
    static final Duration RESERVE = Duration.ofSeconds(30);
    private static final JsonLog LOG = JsonLog.forClass(DeliveryHandler.class);
    /**
     * Calls a task makes at the same time as its others (DeliveryService.Options#readAhead): the first reads, the next
     * page's read and the deferral writes; a few per task at a time, on daemon threads, so Lambda's freeze between
     * invocations holds nothing.
     */
    private static final ExecutorService READ_AHEAD = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "delivery-read-ahead");
        thread.setDaemon(true);
        return thread;
    });

    private final DeliveryService service;
    /** Threads that work the tasks of a batch concurrently (daemon threads; idle ones end after a minute). */
    private final ExecutorService batchThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "delivery-batch");
                thread.setDaemon(true);
                return thread;
            });

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

    static boolean urgentLane(Settings settings) {
        return "urgent".equalsIgnoreCase(settings.get("DELIVERY_LANE", "ordinary"));
    }

    /**
     * The publish rate a worker can count on when every worker of both lanes is busy: the lane's guaranteed share of
     * the account quota divided by the most workers the lane may run (the urgent lane's share is its reserve, the
     * ordinary lane's the rest); 0 when pacing is off. Workers go faster when others leave room ({@link SharedPushRate});
     * this floor sizes the lease on a page.
     */
    public static double workerRate(Settings settings) {
        int rate = pushRate(settings);
        if (rate <= 0) {
            return 0;
        }
        int urgentShare = urgentReserve(settings);
        if (urgentLane(settings)) {
            int workers = Math.max(1, settings.getInt("URGENT_DELIVERY_CONCURRENCY", DEFAULT_CONCURRENCY));
            return (double) Math.max(1, urgentShare) / workers;
        }
        int workers = Math.max(1, settings.getInt("DELIVERY_CONCURRENCY", DEFAULT_CONCURRENCY));
        return (double) (rate - urgentShare) / workers;
    }

    static int pushRate(Settings settings) {
        return settings.getInt("PUSH_RATE_PER_SECOND", DEFAULT_RATE);
    }

    /** URGENT_PUSH_RATE_PER_SECOND, kept between 1 and the quota less 1 (0 when the quota is 1 or pacing is off). */
    static int urgentReserve(Settings settings) {
        int rate = pushRate(settings);
        return rate <= 1 ? 0 : Math.max(1, Math.min(rate - 1, settings.getInt("URGENT_PUSH_RATE_PER_SECOND", 0)));
    }

    /**
     * Keys a minute's deferrals are spread over: DEFERRAL_SHARDS, but at least 3 per ordinary worker and rounded up to
     * whole rounds of the workers (at most 99, the two digits of the key). Each key is released by one task and the
     * keys hold equal shares, so with 32 keys and 30 workers the 07:00 wave would end with 2 workers sending while 28
     * idle, and with 32 keys and 10 workers its last round would keep 2 of 10 busy (BENCHMARKS.md, "A city in a
     * benchmark"). Safe to change at any time: the release reads which shards hold a minute's deferrals from the
     * minute's index item.
     */
    static int deferralShards(Settings settings) {
        int configured = Math.max(1, settings.getInt("DEFERRAL_SHARDS", Deferral.DEFAULT_SHARDS));
        int workers = Math.max(1, settings.getInt("DELIVERY_CONCURRENCY", DEFAULT_CONCURRENCY));
        int shards = Math.max(configured, 3 * workers);
        shards = (shards + workers - 1) / workers * workers;
        if (shards > MAX_DEFERRAL_SHARDS) {
            shards = MAX_DEFERRAL_SHARDS / workers * workers;
        }
        return shards == 0 ? MAX_DEFERRAL_SHARDS : shards;
    }

    /** Per-worker deferral writes per second: the deferral keys at half their write limit, over the workers. */
    static double deferralWriteRate(Settings settings) {
        int shards = deferralShards(settings);
        int workers = Math.max(1, settings.getInt("DELIVERY_CONCURRENCY", DEFAULT_CONCURRENCY));
        return (double) shards * DEFERRAL_WRITES_PER_KEY / workers;
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
        int rate = pushRate(settings);
        boolean urgent = urgentLane(settings);
        int urgentReserve = urgentReserve(settings);
        PushRateLedger ledger = new DynamoDbPushRateLedger(dynamoDb, settings.require("DELIVERY_TABLE"));
        // One pace per worker: per handler in Lambda, per poller thread in the local stack (see PushDispatcher),
        // shared by the threads that work the worker's batch (PerWorker).
        PerWorker<PushPace> paces = new PerWorker<>(() -> rate <= 0 ? TokenBucket.unlimited()
                : new SharedPushRate(ledger, urgent, rate, urgentReserve, new TokenBucket(workerRate)));
        double deferralRate = deferralWriteRate(settings);
        PerWorker<TokenBucket> deferralWrites = new PerWorker<>(() -> new TokenBucket(deferralRate));
        Duration lease = Duration.ofMinutes(2);
        if (workerRate > 0) {
            lease = lease.plusSeconds((long) (3 * pageSize / workerRate));
        }
        PushDispatcher dispatcher = new PushDispatcher(new SnsPushGateway(sns), paces,
                pushConcurrency(settings), Backoff.standard());
        return new DeliveryService(
                new DynamoDbAudienceReader(dynamoDb, settings.require("SUBSCRIPTIONS_TABLE")),
                new DynamoDbDeliveryLedger(dynamoDb, settings.require("DELIVERY_TABLE")),
                new DynamoDbDeliveryPosts(dynamoDb, settings.require("POSTS_TABLE")),
                new DynamoDbDeliveryFiguresStore(dynamoDb, settings.require("DELIVERY_TABLE")),
                dispatcher,
                deferralWrites::get,
                new DynamoDbEndpointDeactivator(dynamoDb, settings.require("DEVICES_TABLE"),
                        settings.require("SUBSCRIPTIONS_TABLE")),
                new SqsDeliveryQueue(AwsClients.sqs(settings), settings.require("DELIVERY_QUEUE_URL")),
                clock,
                // Both lanes count under one Function dimension, so the push alarms and dashboard see all pushes.
                new Metrics("delivery"),
                new DeliveryService.Options(pageSize, lease, RESERVE,
                        Duration.ofSeconds(settings.getInt("DELIVERY_TIME_SLICE_SECONDS", DEFAULT_TIME_SLICE_SECONDS)),
                        deferralShards(settings), READ_AHEAD));
    }

    /** The entry point: every log line of the invocation carries its request id ({@link JsonLog#requestScope}). */
    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        try (var scope = JsonLog.requestScope(context == null ? null : context.getAwsRequestId())) {
            return handle(event, context);
        }
    }

    private SQSBatchResponse handle(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new CopyOnWriteArrayList<>();
        LongSupplier remaining = context == null ? () -> Long.MAX_VALUE : () -> context.getRemainingTimeInMillis();
        List<SQSEvent.SQSMessage> messages = event.getRecords() == null ? List.of() : event.getRecords();
        if (messages.size() <= 1) {
            messages.forEach(message -> work(message, remaining, failures));
        } else {
            // A batch (the emergency lane's: every shard task of an urgent post at once) is worked concurrently
            // under the worker's one pace, so the per-shard reads and writes overlap instead of adding up.
            String requestId = JsonLog.currentRequestId();
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (SQSEvent.SQSMessage message : messages) {
                all.add(CompletableFuture.runAsync(PerWorker.onBehalfOf(() -> {
                    try (var scope = JsonLog.requestScope(requestId)) {
                        work(message, remaining, failures);
                    }
                }), batchThreads));
            }
            all.forEach(CompletableFuture::join);
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private void work(SQSEvent.SQSMessage message, LongSupplier remaining,
                      List<SQSBatchResponse.BatchItemFailure> failures) {
        try {
            service.run(DeliveryTask.parse(message.getBody()), remaining);
        } catch (RuntimeException e) {
            LOG.error("Delivery task failed; left to redelivery", e, Map.of("messageId", message.getMessageId()));
            failures.add(SQSBatchResponse.BatchItemFailure.builder()
                    .withItemIdentifier(message.getMessageId()).build());
        }
    }
}
