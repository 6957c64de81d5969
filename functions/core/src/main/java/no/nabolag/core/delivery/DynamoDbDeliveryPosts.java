package no.nabolag.core.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** {@link DeliveryPosts} on the Posts table (attribute names as in docs/data-model.md). */
public final class DynamoDbDeliveryPosts implements DeliveryPosts {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbDeliveryPosts(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<DeliveryPost> find(String postId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(g -> g.tableName(table)
                .key(Map.of("postId", AttributeValue.fromS(postId))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DeliveryPost(postId, s(item, "status"), list(item, "districtIds"),
                list(item, "categoryIds"), s(item, "title"), s(item, "body"), s(item, "titleEn"), s(item, "bodyEn"),
                item.containsKey("urgent") && Boolean.TRUE.equals(item.get("urgent").bool()),
                s(item, "expiresAt") == null ? null : Instant.parse(s(item, "expiresAt"))));
    }

    @Override
    public void addFigures(String postId, Figures figures, Instant firstPush, Instant lastPush) {
        Map<String, AttributeValue> values = new HashMap<>();
        figures.asMap().forEach((name, value) -> values.put(":" + name, AttributeValue.fromN(Long.toString(value))));
        String update = "ADD matched :matched, sent :sent, failed :failed, disabled :disabled, deferred :deferred";
        if (firstPush != null) {
            update += " SET firstPushAt = if_not_exists(firstPushAt, :first)";
            values.put(":first", AttributeValue.fromS(firstPush.toString()));
        }
        String expression = update;
        try {
            dynamoDb.updateItem(u -> u.tableName(table).key(Map.of("postId", AttributeValue.fromS(postId)))
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(postId)")
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            return; // the post is gone: nothing to count on
        }
        if (lastPush != null) {
            try {
                dynamoDb.updateItem(u -> u.tableName(table).key(Map.of("postId", AttributeValue.fromS(postId)))
                        .updateExpression("SET lastPushAt = :last")
                        .conditionExpression("attribute_exists(postId) AND "
                                + "(attribute_not_exists(lastPushAt) OR lastPushAt < :last)")
                        .expressionAttributeValues(Map.of(":last", AttributeValue.fromS(lastPush.toString()))));
            } catch (ConditionalCheckFailedException e) {
                // a later push of another worker is already recorded
            }
        }
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static List<String> list(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        List<String> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (value.hasL()) {
            value.l().forEach(v -> result.add(v.s()));
        } else if (value.hasSs()) {
            result.addAll(value.ss());
        }
        return result;
    }
}
