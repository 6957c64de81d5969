package no.nabolag.coldstart.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Plain handler for the minute tick: each tenant's due posts (SCHEDULED) and stuck ones (ACCEPTED), then
 * each deferral minute since the release watermark (the last hour on the first run, which also writes it).
 */
public final class SchedulerBaseline implements RequestHandler<ScheduledEvent, Void> {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);
    private final DynamoDbClient dynamoDb = Plain.dynamoDb();

    @Override
    public Void handleRequest(ScheduledEvent event, Context context) {
        String delivery = Plain.env("DELIVERY_TABLE");
        String posts = Plain.env("POSTS_TABLE");
        // The tenants (one catalog scan), then each tenant's due and stuck posts in the tenantStatus index.
        String catalog = Plain.env("CATALOG_TABLE");
        var tenants = dynamoDb.scan(q -> q.tableName(catalog).filterExpression("sk = :t")
                .expressionAttributeValues(Map.of(":t", s("TENANT")))).items();
        for (var tenant : tenants) {
            for (String status : new String[] {"SCHEDULED", "ACCEPTED"}) {
                String key = tenant.get("tenantId").s() + "#" + status;
                dynamoDb.query(q -> q.tableName(posts).indexName("tenantStatus")
                        .keyConditionExpression("tenantStatus = :s AND statusAt <= :now")
                        .expressionAttributeValues(Map.of(":s", s(key), ":now", s(Instant.now().toString()))));
            }
        }
        var cursor = dynamoDb.getItem(g -> g.tableName(delivery).key(Map.of("pk", s("SCHEDULER"), "sk", s("CURSOR"))));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        int minutes = cursor.hasItem() ? 6 : 60; // from the watermark less an overlap, or the last hour on the first run
        for (int m = minutes; m >= 1; m--) {
            String minute = MINUTE.format(now.minus(m, ChronoUnit.MINUTES));
            dynamoDb.query(q -> q.tableName(delivery).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s("DEFER#" + minute))));
        }
        if (!cursor.hasItem()) {
            dynamoDb.putItem(p -> p.tableName(delivery).item(Map.of("pk", s("SCHEDULER"), "sk", s("CURSOR"),
                    "at", s(now.toString()))));
        }
        return null;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
