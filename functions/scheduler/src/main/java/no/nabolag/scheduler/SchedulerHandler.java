package no.nabolag.scheduler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import no.nabolag.core.aws.AwsClients;
import no.nabolag.core.config.Settings;
import no.nabolag.core.delivery.DeferralRelease;
import no.nabolag.core.delivery.DynamoDbDeliveryLedger;
import no.nabolag.core.delivery.SqsDeliveryQueue;
import no.nabolag.core.log.JsonLog;

/**
 * Every minute: hands pushes deferred by quiet hours to delivery once their minute has passed.
 */
public final class SchedulerHandler implements RequestHandler<ScheduledEvent, Void> {
    private static final JsonLog LOG = JsonLog.forClass(SchedulerHandler.class);
    private final DeferralRelease deferrals;

    public SchedulerHandler() {
        this(Settings.fromEnvironment());
    }

    public SchedulerHandler(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    /** With a clock, for tests of quiet hours. */
    public SchedulerHandler(Settings settings, Clock clock) {
        this.deferrals = new DeferralRelease(
                new DynamoDbDeliveryLedger(AwsClients.dynamoDb(settings), settings.require("DELIVERY_TABLE")),
                new SqsDeliveryQueue(AwsClients.sqs(settings), settings.require("DELIVERY_QUEUE_URL")),
                clock);
    }

    @Override
    public Void handleRequest(ScheduledEvent event, Context context) {
        List<String> minutes = deferrals.release();
        LOG.info("Scheduler run", Map.of("deferredMinutes", minutes.size()));
        return null;
    }
}
