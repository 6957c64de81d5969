package no.nabolag.devices;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import no.nabolag.aws.AwsClients;
import no.nabolag.aws.device.DynamoDbDeviceSweepStore;
import no.nabolag.aws.device.SqsEndpointRequests;
import no.nabolag.core.config.Settings;
import no.nabolag.core.delivery.TokenBucket;
import no.nabolag.core.device.DeviceSweep;
import no.nabolag.core.log.JsonLog;
import no.nabolag.core.metrics.Metrics;
import no.nabolag.core.subscription.AudienceShardCount;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Hourly schedule: the sweep of gone phones ({@link DeviceSweep}). Each run works until {@link #RESERVE_MILLIS}
 * before its timeout and saves where it stopped. Returns what it did (for the schedule's invocation record).
 */
public final class DeviceSweepHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    /** Time kept back from the Lambda timeout: a page and the position save take well under this. */
    static final long RESERVE_MILLIS = 30_000;
    static final int DEFAULT_INACTIVE_DAYS = 270;
    private static final JsonLog LOG = JsonLog.forClass(DeviceSweepHandler.class);
    private final DeviceSweep sweep;

    public DeviceSweepHandler() {
        this(Settings.fromEnvironment());
    }

    public DeviceSweepHandler(Settings settings) {
        this(sweep(settings, Clock.systemUTC()));
    }

    public DeviceSweepHandler(DeviceSweep sweep) {
        this.sweep = sweep;
    }

    static DeviceSweep sweep(Settings settings, Clock clock) {
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings);
        DeviceWiring wiring = new DeviceWiring(settings, dynamoDb, AwsClients.sns(settings),
                AudienceShardCount.deletesOnly(), clock);
        TokenBucket pace = new TokenBucket(settings.getInt("DEVICE_REMOVALS_PER_SECOND", 10));
        return new DeviceSweep(new DynamoDbDeviceSweepStore(dynamoDb, settings.require("DEVICES_TABLE")),
                wiring.devices, wiring.erasure, wiring.ownership, wiring.endpoints,
                new SqsEndpointRequests(AwsClients.sqs(settings), settings.require("ENDPOINT_QUEUE_URL")),
                settings.getInt("INACTIVE_DEVICE_DAYS", DEFAULT_INACTIVE_DAYS), pace::acquire, clock,
                new Metrics("device-sweep"));
    }

    /** The entry point: every log line of the invocation carries its request id ({@link JsonLog#requestScope}). */
    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        try (var scope = JsonLog.requestScope(context == null ? null : context.getAwsRequestId())) {
            try {
                return sweep(context);
            } catch (RuntimeException e) {
                // Logged inside the scope so the line carries the request id; the next hourly run resumes.
                LOG.error("Device sweep failed; the next run resumes from the last saved position", e, Map.of());
                throw e;
            }
        }
    }

    private Map<String, Object> sweep(Context context) {
        DeviceSweep.Result result = sweep.run(() -> context == null
                || context.getRemainingTimeInMillis() > RESERVE_MILLIS);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("scanned", result.scanned());
        summary.put("removed", result.removed());
        summary.put("removedDisabled", result.removedDisabled());
        summary.put("removedInactive", result.removedInactive());
        summary.put("passComplete", result.passComplete());
        return summary;
    }
}
