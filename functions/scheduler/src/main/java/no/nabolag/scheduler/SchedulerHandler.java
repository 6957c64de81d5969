package no.nabolag.scheduler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import no.nabolag.aws.AwsClients;
import no.nabolag.aws.catalog.DynamoDbCatalogStore;
import no.nabolag.aws.delivery.DynamoDbDeliveryLedger;
import no.nabolag.aws.delivery.SqsDeliveryQueue;
import no.nabolag.aws.post.AwsPostPublication;
import no.nabolag.core.catalog.CatalogStore;
import no.nabolag.core.catalog.Tenant;
import no.nabolag.core.config.Lazy;
import no.nabolag.core.config.Settings;
import no.nabolag.core.delivery.DeferralRelease;
import no.nabolag.core.log.JsonLog;
import no.nabolag.core.post.PostPublication;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Every minute, three duties, each independent of the others' failures:
 * (a) release SCHEDULED posts whose publishAt has come, (b) re-drive posts stuck in ACCEPTED (their fan-out message
 * was lost), both through {@link PostPublication}, tenant by tenant; (c) hand pushes deferred by quiet hours to delivery once their
 * minute has passed ({@link DeferralRelease}). A failed duty fails the invocation (and its alarm) after the others ran.
 */
public final class SchedulerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private static final JsonLog LOG = JsonLog.forClass(SchedulerHandler.class);
    private final PostPublication publication;
    private final Supplier<List<String>> tenantIds;
    private final DeferralRelease deferrals;

    public SchedulerHandler() {
        this(Settings.fromEnvironment());
    }

    public SchedulerHandler(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    /** With a clock, for tests of schedules and quiet hours. */
    public SchedulerHandler(Settings settings, Clock clock) {
        this(settings, clock, AwsClients.dynamoDb(settings), AwsClients.sqs(settings));
    }

    private SchedulerHandler(Settings settings, Clock clock, DynamoDbClient dynamoDb, SqsClient sqs) {
        this(AwsPostPublication.from(settings, dynamoDb, sqs, clock),
                tenantIdsOf(new DynamoDbCatalogStore(dynamoDb, settings.require("CATALOG_TABLE"))),
                new DeferralRelease(new DynamoDbDeliveryLedger(dynamoDb, settings.require("DELIVERY_TABLE")),
                        new SqsDeliveryQueue(sqs, settings.require("DELIVERY_QUEUE_URL")), clock));
    }

    /** The duties, wired (tests give them in-memory ports). */
    SchedulerHandler(PostPublication publication, Supplier<List<String>> tenantIds, DeferralRelease deferrals) {
        this.publication = publication;
        this.tenantIds = tenantIds;
        this.deferrals = deferrals;
    }

    /** Posts are listed per tenant (GSI tenantStatus); the catalog, read once a run, says which tenants there are. */
    private static Supplier<List<String>> tenantIdsOf(CatalogStore catalog) {
        return () -> catalog.load().tenants().stream().map(Tenant::tenantId).toList();
    }

    /** The entry point: every log line of the invocation carries its request id ({@link JsonLog#requestScope}). */
    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        try (var scope = JsonLog.requestScope(context == null ? null : context.getAwsRequestId())) {
            return handle(event, context);
        }
    }

    private Map<String, Object> handle(ScheduledEvent event, Context context) {
        Map<String, Object> done = new LinkedHashMap<>();
        RuntimeException firstError = null;
        Map<String, IntSupplier> duties = new LinkedHashMap<>();
        Supplier<List<String>> tenants = Lazy.of(tenantIds);
        duties.put("released", () -> publication.releaseDue(tenants.get()));
        duties.put("redriven", () -> publication.redriveStuck(tenants.get()));
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
