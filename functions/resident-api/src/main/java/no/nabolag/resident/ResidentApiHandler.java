package no.nabolag.resident;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import no.nabolag.aws.AwsClients;
import no.nabolag.aws.catalog.DynamoDbCatalogStore;
import no.nabolag.aws.catalog.DynamoDbCurrentCatalog;
import no.nabolag.aws.device.DynamoDbAppDirectory;
import no.nabolag.aws.device.DynamoDbDeferredPushes;
import no.nabolag.aws.device.DynamoDbDeviceStore;
import no.nabolag.aws.device.DynamoDbEndpointOwnership;
import no.nabolag.aws.device.SnsPushEndpoints;
import no.nabolag.aws.device.SqsEndpointRequests;
import no.nabolag.aws.feed.DynamoDbFeedReader;
import no.nabolag.aws.feed.DynamoDbPostReader;
import no.nabolag.aws.security.SecretsManagerSigningSecret;
import no.nabolag.aws.subscription.DynamoDbAudienceShardCount;
import no.nabolag.aws.subscription.DynamoDbSubscriptionStore;
import no.nabolag.core.catalog.CachedCatalogStore;
import no.nabolag.core.config.Lazy;
import no.nabolag.core.config.Settings;
import no.nabolag.core.device.AppPlatforms;
import no.nabolag.core.device.CachedAppDirectory;
import no.nabolag.core.device.DeviceErasure;
import no.nabolag.core.device.DeviceService;
import no.nabolag.core.feed.FeedCursor;
import no.nabolag.core.feed.FeedService;
import no.nabolag.core.metrics.Metrics;
import no.nabolag.core.security.SigningKeys;
import no.nabolag.core.subscription.AudienceShard;
import no.nabolag.core.subscription.SubscriptionService;
import no.nabolag.lambda.http.HttpApiHandler;
import no.nabolag.lambda.http.web.HttpRequest;
import no.nabolag.lambda.http.web.Router;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The resident API Lambda (ResidentApiFunction): catalog, device registration, subscriptions and feeds.
 * Clients, caches and signing keys live as long as the container. With SERVER_TIMING=on, every response carries a
 * Server-Timing header with the handler's total time and the part spent waiting for AWS calls ("aws"), which the
 * benchmark reads.
 */
public class ResidentApiHandler extends HttpApiHandler {
    /** Catalog changes (issue 7, catalog administration) become visible within this time. */
    static final Duration CATALOG_TTL = Duration.ofSeconds(20);
    static final String SERVER_TIMING = "SERVER_TIMING";
    /**
     * Threads that query a device's districts in parallel (the request thread queries one more). Shared by all
     * requests of the container; idle threads end after a minute. Enough for the usual 1-5 followed districts.
     */
    static final int FEED_THREADS = 4;
    private final ResidentApi api;
    private final Metrics metrics = new Metrics("resident-api");
    /**
     * SERVER_TIMING=on (template parameter ServerTiming, on in the local stack for the benchmark, off by default):
     * a Server-Timing header tells any caller how long the handler and its AWS calls took, which is for us to know.
     */
    private final boolean serverTiming;

    public ResidentApiHandler() {
        this(Settings.fromEnvironment());
    }

    public ResidentApiHandler(Settings settings) {
        this.serverTiming = settings.get(SERVER_TIMING, "off").equalsIgnoreCase("on");
        CallTimer timer = new CallTimer();
        DynamoDbClient dynamoDb = AwsClients.configure(DynamoDbClient.builder(), settings, AwsClients.DYNAMODB_ENDPOINT)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(timer)).build();
        SnsClient sns = AwsClients.configure(SnsClient.builder(), settings, AwsClients.SNS_ENDPOINT)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(timer)).build();
        SqsClient sqs = AwsClients.configure(SqsClient.builder(), settings, AwsClients.SQS_ENDPOINT)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(timer)).build();
        Clock clock = Clock.systemUTC();
        // Settings read where each store is made: TemplatePolicyActionsTest ties a class's calls to these names.
        var deviceStore = new DynamoDbDeviceStore(dynamoDb, settings.require("DEVICES_TABLE"));
        var subscriptionService = new SubscriptionService(
                new DynamoDbSubscriptionStore(dynamoDb, settings.require("SUBSCRIPTIONS_TABLE")), deviceStore,
                settings.getInt("AUDIENCE_SHARDS", AudienceShard.DEFAULT_SHARDS),
                new DynamoDbAudienceShardCount(dynamoDb, settings.require("CATALOG_TABLE")), clock);
        var apps = new CachedAppDirectory(new DynamoDbAppDirectory(dynamoDb, settings.require("CATALOG_TABLE"),
                AppPlatforms.defaultApp(settings.find("APNS_PLATFORM_APPLICATION_ARN"),
                        settings.find("FCM_PLATFORM_APPLICATION_ARN"))), CATALOG_TTL, clock);
        var erasure = new DeviceErasure(deviceStore, subscriptionService,
                new DynamoDbDeferredPushes(dynamoDb, settings.require("DELIVERY_TABLE")),
                new DynamoDbEndpointOwnership(dynamoDb, settings.require("DEVICES_TABLE")),
                new SnsPushEndpoints(sns), clock,
                d -> Thread.sleep(d.toMillis()));
        var deviceService = new DeviceService(deviceStore, apps,
                new SqsEndpointRequests(sqs, settings.require("ENDPOINT_QUEUE_URL")), subscriptionService, erasure,
                clock);
        var posts = new DynamoDbPostReader(dynamoDb, settings.require("POSTS_TABLE"));
        var feeds = new FeedService(new DynamoDbFeedReader(dynamoDb, settings.require("FEED_TABLE")), posts, clock,
                CallTimer.propagating(feedExecutor()));
        var catalog = new CachedCatalogStore(new DynamoDbCatalogStore(dynamoDb, settings.require("CATALOG_TABLE")),
                CATALOG_TTL, clock);
        Supplier<FeedCursor> cursors = Lazy.of(() -> new FeedCursor(SecretsManagerSigningSecret.load(settings)));
        this.api = new ResidentApi(catalog, new DynamoDbCurrentCatalog(dynamoDb, settings.require("CATALOG_TABLE")), deviceService, subscriptionService, feeds, posts, cursors,
                settings.get("PUBLIC_BASE_URL", ""), clock);
    }

    private static ExecutorService feedExecutor() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(FEED_THREADS, FEED_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "feed-query-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    protected Router router() {
        return api.router();
    }

    /**
     * Besides the default reads (tenants, OpenAPI), the read path of posts and device feeds: a post and a device that
     * cannot exist (one GetItem each, answered 404/401), so the DynamoDB request path, the device-secret check and
     * problem rendering are in the snapshot. Reads only, and nothing cached: a real feed page would sit in the
     * public-page cache of the snapshot.
     */
    @Override
    protected List<HttpRequest> primingRequests() {
        List<HttpRequest> requests = new ArrayList<>(super.primingRequests());
        Map<String, String> headers = Map.of("accept", "application/json", "accept-language", "nb",
                "authorization", "Bearer priming");
        requests.add(new HttpRequest("GET", "/v1/posts/priming", "GET /v1/posts/{postId}",
                Map.of("postId", "priming"), Map.of(), headers, "", "127.0.0.1"));
        String noDevice = "0".repeat(32);
        requests.add(new HttpRequest("GET", "/v1/devices/" + noDevice + "/feed", "GET /v1/devices/{deviceId}/feed",
                Map.of("deviceId", noDevice), Map.of(), headers, "", "127.0.0.1"));
        return requests;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        CallTimer.reset();
        long start = System.nanoTime();
        APIGatewayV2HTTPResponse response = super.handleRequest(event, context);
        long total = System.nanoTime() - start;
        if (serverTiming) {
            Map<String, String> headers = new HashMap<>(response.getHeaders() == null ? Map.of() : response.getHeaders());
            headers.put("server-timing", String.format(Locale.ROOT, "handler;dur=%.3f, aws;dur=%.3f;desc=\"%d calls\"",
                    total / 1e6, CallTimer.nanos() / 1e6, CallTimer.calls()));
            response.setHeaders(headers);
        }
        String route = event.getRouteKey();
        if (route != null && route.contains("/feed")) {
            // The dashboard's FeedLatency (p50/p99): the handler's time for feed pages, cached or not.
            metrics.milliseconds("FeedLatency", total / 1_000_000, Map.of("route", route,
                    "status", Integer.toString(response.getStatusCode())));
        }
        return response;
    }
}
