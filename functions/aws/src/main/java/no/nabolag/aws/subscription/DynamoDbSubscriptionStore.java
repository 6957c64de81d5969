package no.nabolag.aws.subscription;

import static no.nabolag.aws.dynamo.Attributes.string;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import no.nabolag.aws.BatchRetry;
import no.nabolag.aws.device.DynamoDbDeviceStore;
import no.nabolag.core.subscription.SubscriptionItem;
import no.nabolag.core.subscription.SubscriptionStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Subscription items in SubscriptionsTable (key deviceId + districtId), written with BatchWriteItem; a device's fields
 * are copied into them with one conditional UpdateItem per item (a device follows at most 30 districts).
 */
public final class DynamoDbSubscriptionStore implements SubscriptionStore {
    private static final int BATCH = 25;
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final BatchRetry retry = BatchRetry.standard();

    public DynamoDbSubscriptionStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public List<SubscriptionItem> findByDevice(String deviceId) {
        List<SubscriptionItem> items = new ArrayList<>();
        var pages = dynamoDb.queryPaginator(QueryRequest.builder().tableName(table)
                .keyConditionExpression("deviceId = :d")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(deviceId)))
                .consistentRead(true).build());
        pages.items().forEach(item -> items.add(fromItem(item)));
        return items;
    }

    @Override
    public void putAll(Collection<SubscriptionItem> items) {
        List<WriteRequest> writes = new ArrayList<>();
        for (SubscriptionItem item : items) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(toItem(item)).build()).build());
        }
        write(writes);
    }

    @Override
    public void copyDeviceFields(Collection<SubscriptionItem> items) {
        for (SubscriptionItem item : items) {
            Map<String, AttributeValue> values = new HashMap<>();
            Map<String, String> names = new HashMap<>(Map.of("#deviceId", "deviceId"));
            List<String> set = new ArrayList<>();
            List<String> remove = new ArrayList<>();
            Map<String, AttributeValue> fields = deviceFields(item);
            for (String name : DEVICE_FIELDS) {
                // Every name through a placeholder: no field can collide with DynamoDB's reserved words.
                names.put("#" + name, name);
                if (fields.containsKey(name)) {
                    set.add("#" + name + " = :" + name);
                    values.put(":" + name, fields.get(name));
                } else {
                    remove.add("#" + name);
                }
            }
            String update = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
            try {
                dynamoDb.updateItem(u -> u.tableName(table).key(Map.of(
                                "deviceId", AttributeValue.fromS(item.deviceId()),
                                "districtId", AttributeValue.fromS(item.districtId())))
                        .updateExpression(update).conditionExpression("attribute_exists(#deviceId)")
                        .expressionAttributeNames(names).expressionAttributeValues(values));
            } catch (ConditionalCheckFailedException deletedMeanwhile) {
                // The district was dropped by a change of choices in the meantime: it stays dropped.
            }
        }
    }

    @Override
    public void deleteAll(String deviceId, Collection<String> districtIds) {
        List<WriteRequest> writes = new ArrayList<>();
        for (String districtId : districtIds) {
            writes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(Map.of(
                    "deviceId", AttributeValue.fromS(deviceId),
                    "districtId", AttributeValue.fromS(districtId))).build()).build());
        }
        write(writes);
    }

    /** BatchWriteItem in chunks of 25; unprocessed items are retried under the {@link BatchRetry} policy. */
    private void write(List<WriteRequest> writes) {
        for (int from = 0; from < writes.size(); from += BATCH) {
            retry.untilDone("subscription writes", writes.subList(from, Math.min(writes.size(), from + BATCH)),
                    batch -> {
                        var response = dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(table, batch)));
                        return response.hasUnprocessedItems()
                                ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
                    });
        }
    }

    /** The attributes an item copies from its device. */
    private static final List<String> DEVICE_FIELDS = List.of("appId", "audienceShard", "platform", "endpointArn",
            "locale", "timeZone", "quietHours", "active");

    static Map<String, AttributeValue> toItem(SubscriptionItem s) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("deviceId", AttributeValue.fromS(s.deviceId()));
        item.put("districtId", AttributeValue.fromS(s.districtId()));
        item.put("tenantId", AttributeValue.fromS(s.tenantId()));
        item.put("categories", AttributeValue.fromSs(List.copyOf(s.categories())));
        Map<String, AttributeValue> choices = new HashMap<>();
        s.choices().forEach((district, categories) -> choices.put(district,
                AttributeValue.fromL(categories.stream().map(AttributeValue::fromS).toList())));
        item.put("choices", AttributeValue.fromM(choices));
        item.putAll(deviceFields(s));
        return item;
    }

    /** The device's fields of an item; an absent one (no app, no endpoint yet, no quiet hours) is left out. */
    private static Map<String, AttributeValue> deviceFields(SubscriptionItem s) {
        Map<String, AttributeValue> fields = new HashMap<>();
        if (s.appId() != null) {
            fields.put("appId", AttributeValue.fromS(s.appId()));
        }
        fields.put("audienceShard", AttributeValue.fromS(s.audienceShard()));
        fields.put("platform", AttributeValue.fromS(s.platform()));
        if (s.endpointArn() != null) {
            fields.put("endpointArn", AttributeValue.fromS(s.endpointArn()));
        }
        fields.put("locale", AttributeValue.fromS(s.locale()));
        fields.put("timeZone", AttributeValue.fromS(s.timeZone()));
        if (s.quietHours() != null) {
            fields.put("quietHours", DynamoDbDeviceStore.quietHours(s.quietHours()));
        }
        fields.put("active", AttributeValue.fromBool(s.active()));
        return fields;
    }

    static SubscriptionItem fromItem(Map<String, AttributeValue> item) {
        Map<String, List<String>> choices = new TreeMap<>();
        AttributeValue c = item.get("choices");
        if (c != null && c.hasM()) {
            c.m().forEach((district, list) -> choices.put(district,
                    list.hasL() ? list.l().stream().map(AttributeValue::s).toList() : List.of()));
        }
        AttributeValue categories = item.get("categories");
        return new SubscriptionItem(string(item, "deviceId"), string(item, "districtId"), string(item, "tenantId"),
                string(item, "appId"),
                new TreeSet<>(categories != null && categories.hasSs() ? categories.ss() : List.of()),
                choices, string(item, "audienceShard"), string(item, "platform"), string(item, "endpointArn"), string(item, "locale"),
                string(item, "timeZone"), DynamoDbDeviceStore.quietHours(item.get("quietHours")),
                item.get("active") == null || Boolean.TRUE.equals(item.get("active").bool()));
    }
}
