package no.nabolag.scheduler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import no.nabolag.aws.AwsClients;
import no.nabolag.aws.delivery.DynamoDbDeliveryLedger;
import no.nabolag.aws.delivery.SqsDeliveryQueue;
import no.nabolag.aws.post.AwsPostPublication;
import no.nabolag.core.config.Settings;
import no.nabolag.core.delivery.DeferralRelease;
import no.nabolag.core.log.JsonLog;
import no.nabolag.core.post.PostPublication;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Every minute, three duties, each independent of the others' failures:
 * (a) release SCHEDULED posts whose publishAt has come, (b) re-drive posts stuck in ACCEPTED (their fan-out message
 * was lost), both through {@link PostPublication}; (c) hand pushes deferred by quiet hours to delivery once their
 * minute has passed ({@link DeferralRelease}). A failed duty fails the invocation (and its alarm) after the others ran.
 */
public final class SchedulerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private static final JsonLog LOG = JsonLog.forClass(SchedulerHandler.class);
    private final PostPublication publication;
    private final DeferralRelease deferrals;

    public SchedulerHandler() {
        this(Settings.fromEnvironment());
    }

    public SchedulerHandler(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    /** With a clock, for tests of schedules and quiet hours. */
    public SchedulerHandler(Settings settings, Clock clock) {
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings);
        SqsClient sqs = AwsClients.sqs(settings);
        this.publication = AwsPostPublication.from(settings, dynamoDb, sqs, clock);
        this.deferrals = new DeferralRelease(new DynamoDbDeliveryLedger(dynamoDb, settings.require("DELIVERY_TABLE")),
                new SqsDeliveryQueue(sqs, settings.require("DELIVERY_QUEUE_URL")), clock);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        Map<String, Object> done = new LinkedHashMap<>();
        RuntimeException firstError = null;
        Map<String, IntSupplier> duties = new LinkedHashMap<>();
        duties.put("released", publication::releaseDue);
        duties.put("redriven", publication::redriveStuck);
        duties.put("deferredMinutes", () -> {
            List<String> minutes = deferrals.release();
            return minutes.size();
        });
        for (Map.Entry<String, IntSupplier> duty : duties.entrySet()) {
            try {
                done.put(duty.getKey(), duty.getValue().getAsInt());
            } catch (RuntimeException e) {
                LOG.error("Scheduler duty failed", e, Map.of("duty", duty.getKey()));
                firstError = firstError == null ? e : firstError;
            }
        }
        LOG.info("Scheduler run", done);
        if (firstError != null) {
            throw firstError;
        }
        return done;
    }
}
