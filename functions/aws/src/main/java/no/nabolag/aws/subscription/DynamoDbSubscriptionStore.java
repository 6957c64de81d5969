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
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Subscription items in SubscriptionsTable (key deviceId + districtId), written with BatchWriteItem. */
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

    static Map<String, AttributeValue> toItem(SubscriptionItem s) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("deviceId", AttributeValue.fromS(s.deviceId()));
        item.put("districtId", AttributeValue.fromS(s.districtId()));
        item.put("tenantId", AttributeValue.fromS(s.tenantId()));
        if (s.appId() != null) {
            item.put("appId", AttributeValue.fromS(s.appId()));
        }
        item.put("categories", AttributeValue.fromSs(List.copyOf(s.categories())));
        Map<String, AttributeValue> choices = new HashMap<>();
        s.choices().forEach((district, categories) -> choices.put(district,
                AttributeValue.fromL(categories.stream().map(AttributeValue::fromS).toList())));
        item.put("choices", AttributeValue.fromM(choices));
        item.put("audienceShard", AttributeValue.fromS(s.audienceShard()));
        item.put("platform", AttributeValue.fromS(s.platform()));
        if (s.endpointArn() != null) {
            item.put("endpointArn", AttributeValue.fromS(s.endpointArn()));
        }
        item.put("locale", AttributeValue.fromS(s.locale()));
        item.put("timeZone", AttributeValue.fromS(s.timeZone()));
        if (s.quietHours() != null) {
            item.put("quietHours", DynamoDbDeviceStore.quietHours(s.quietHours()));
        }
        item.put("active", AttributeValue.fromBool(s.active()));
        return item;
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
