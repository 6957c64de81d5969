package no.nabolag.aws.delivery;

import java.util.HashMap;
import java.util.Map;
import no.nabolag.aws.dynamo.Attributes;
import no.nabolag.core.delivery.PushRateLedger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link PushRateLedger} on the Delivery table: one item per second, {@code PUSHRATE#<epochSecond>} / {@code RATE},
 * with a counter per tenth of a second ({@code s0}..{@code s9}) and {@code urgent} while urgent posts are being sent
 * in it. A claim is one conditional UpdateItem (ADD to the slot's counter if it stays within the cap), so workers in
 * different containers never hand out the same permit; the item expires an hour later (TTL). Writes per item are the
 * claims of its second, about 8 per slot plus one refused claim per waiting worker (docs/data-model.md).
 */
public final class DynamoDbPushRateLedger implements PushRateLedger {
    static final long KEEP_SECONDS = 3600;
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbPushRateLedger(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    static Map<String, AttributeValue> key(long epochSecond) {
        return Map.of("pk", AttributeValue.fromS("PUSHRATE#" + epochSecond), "sk", AttributeValue.fromS("RATE"));
    }

    @Override
    public boolean claim(Claim claim) {
        Map<String, String> names = new HashMap<>(Map.of("#count", "s" + claim.slot(), "#ttl", "ttl",
                "#urgent", "urgent"));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":n", Attributes.n(claim.permits()));
        values.put(":ttl", Attributes.n(claim.epochSecond() + KEEP_SECONDS));
        values.put(":cap", Attributes.n(claim.cap() - claim.permits()));
        String update = "ADD #count :n SET #ttl = :ttl";
        String roomUnderCap = "(attribute_not_exists(#count) OR #count <= :cap)";
        String condition;
        if (claim.urgent()) {
            update += ", #urgent = :true";
            values.put(":true", Attributes.bool(true));
            condition = roomUnderCap;
        } else {
            // Unmarked: the whole cap. Marked urgent: the urgent cap, and only if the claim fits in it at all.
            condition = "(attribute_not_exists(#urgent) AND " + roomUnderCap + ")";
            if (claim.permits() <= claim.urgentCap()) {
                values.put(":urgentCap", Attributes.n(claim.urgentCap() - claim.permits()));
                condition += " OR (attribute_exists(#urgent)"
                        + " AND (attribute_not_exists(#count) OR #count <= :urgentCap))";
            }
        }
        try {
            String finalCondition = condition;
            String finalUpdate = update;
            dynamoDb.updateItem(u -> u.tableName(table).key(key(claim.epochSecond())).updateExpression(finalUpdate)
                    .conditionExpression(finalCondition).expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException full) {
            return false;
        }
    }

    @Override
    public Slot read(long epochSecond, int slot) {
        Map<String, AttributeValue> item = dynamoDb.getItem(g -> g.tableName(table).key(key(epochSecond))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return new Slot(0, false);
        }
        AttributeValue count = item.get("s" + slot);
        return new Slot(count == null ? 0 : Integer.parseInt(count.n()), item.containsKey("urgent"));
    }

    @Override
    public void markUrgent(long epochSecond) {
        dynamoDb.updateItem(u -> u.tableName(table).key(key(epochSecond))
                .updateExpression("SET #urgent = :true, #ttl = :ttl")
                .expressionAttributeNames(Map.of("#ttl", "ttl", "#urgent", "urgent"))
                .expressionAttributeValues(Map.of(":true", Attributes.bool(true),
                        ":ttl", Attributes.n(epochSecond + KEEP_SECONDS))));
    }
}
