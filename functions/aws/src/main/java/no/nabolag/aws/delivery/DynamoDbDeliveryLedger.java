package no.nabolag.aws.delivery;

import static no.nabolag.aws.dynamo.Attributes.string;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.nabolag.aws.BatchRetry;
import no.nabolag.core.delivery.Deferral;
import no.nabolag.core.delivery.DeliveryLedger;
import no.nabolag.core.delivery.Figures;
import no.nabolag.core.delivery.Recipient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** {@link DeliveryLedger} on the Delivery table (pk, sk); items as in docs/data-model.md. */
public final class DynamoDbDeliveryLedger implements DeliveryLedger {
    static final Duration RETENTION = Duration.ofDays(30);
    private static final String WATERMARK_PK = "SCHEDULE#deferrals";
    private static final String WATERMARK_SK = "WATERMARK";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbDeliveryLedger(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    static String pageKey(int page) {
        return String.format("PAGE#%06d", page);
    }

    static String handledKey(int page) {
        return String.format("SENT#%06d", page);
    }

    private static AttributeValue ttl() {
        return AttributeValue.fromN(Long.toString(Instant.now().plus(RETENTION).getEpochSecond()));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    @Override
    public Optional<PageRecord> lastPage(String progressKey) {
        QueryResponse response = dynamoDb.query(q -> q.tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :page)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(progressKey),
                        ":page", AttributeValue.fromS("PAGE#")))
                .scanIndexForward(false)
                .limit(1)
                .consistentRead(true));
        if (response.items().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.items().get(0);
        int page = Integer.parseInt(item.get("sk").s().substring("PAGE#".length()));
        AttributeValue next = item.get("nextKey");
        return Optional.of(new PageRecord(page, next == null || !next.hasM() ? null
                : DynamoDbAudienceReader.fromKey(next.m())));
    }

    @Override
    public boolean recordPage(String progressKey, PageRecord record, Figures figures) {
        Map<String, AttributeValue> item = new HashMap<>(key(progressKey, pageKey(record.page())));
        if (record.nextKey() != null) {
            item.put("nextKey", AttributeValue.fromM(DynamoDbAudienceReader.toKey(record.nextKey())));
        }
        Map<String, AttributeValue> counts = new HashMap<>();
        figures.asMap().forEach((name, value) -> counts.put(name, AttributeValue.fromN(Long.toString(value))));
        item.put("counts", AttributeValue.fromM(counts));
        item.put("finishedAt", AttributeValue.fromS(Instant.now().toString()));
        item.put("ttl", ttl());
        try {
            dynamoDb.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Set<String> handledInPage(String progressKey, int page) {
        Map<String, AttributeValue> item = dynamoDb.getItem(g -> g.tableName(table)
                .key(key(progressKey, handledKey(page))).consistentRead(true)).item();
        if (item == null || !item.containsKey("deviceIds")) {
            return Set.of();
        }
        return new HashSet<>(item.get("deviceIds").ss());
    }

    @Override
    public void addHandled(String progressKey, int page, Collection<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return;
        }
        dynamoDb.updateItem(u -> u.tableName(table).key(key(progressKey, handledKey(page)))
                .updateExpression("ADD deviceIds :ids SET #ttl = :ttl")
                .expressionAttributeNames(Map.of("#ttl", "ttl"))
                .expressionAttributeValues(Map.of(":ids", AttributeValue.fromSs(new ArrayList<>(deviceIds)),
                        ":ttl", ttl())));
    }

    @Override
    public boolean acquireLease(String progressKey, String owner, Instant now, Duration duration) {
        try {
            dynamoDb.putItem(p -> p.tableName(table)
                    .item(Map.of("pk", AttributeValue.fromS(progressKey), "sk", AttributeValue.fromS("LEASE"),
                            "owner", AttributeValue.fromS(owner),
                            "until", AttributeValue.fromN(Long.toString(now.plus(duration).toEpochMilli())),
                            "ttl", ttl()))
                    .conditionExpression("attribute_not_exists(pk) OR #owner = :owner OR #until < :now")
                    .expressionAttributeNames(Map.of("#owner", "owner", "#until", "until"))
                    .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(owner),
                            ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void releaseLease(String progressKey, String owner) {
        try {
            dynamoDb.deleteItem(d -> d.tableName(table).key(key(progressKey, "LEASE"))
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(owner))));
        } catch (ConditionalCheckFailedException e) {
            // Taken over after expiry: nothing to release.
        }
    }

    @Override
    public void defer(List<Deferral> deferrals) {
        List<WriteRequest> writes = new ArrayList<>();
        for (Deferral deferral : deferrals) {
            Recipient r = deferral.recipient();
            Map<String, AttributeValue> item = new HashMap<>(key("DEFER#" + deferral.minute(),
                    deferral.postId() + "#" + r.deviceId()));
            item.put("postId", AttributeValue.fromS(deferral.postId()));
            item.put("deviceId", AttributeValue.fromS(r.deviceId()));
            item.put("endpointArn", AttributeValue.fromS(r.endpointArn()));
            item.put("platform", AttributeValue.fromS(r.platform()));
            if (r.locale() != null) {
                item.put("locale", AttributeValue.fromS(r.locale()));
            }
            item.put("districtId", AttributeValue.fromS(r.districtId()));
            item.put("ttl", ttl());
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        for (int i = 0; i < writes.size(); i += 25) {
            batchWrite(writes.subList(i, Math.min(writes.size(), i + 25)));
        }
    }

    private void batchWrite(List<WriteRequest> batch) {
        BatchRetry.standard().untilDone("deferral writes", batch, request -> {
            BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(table, request)));
            return response.hasUnprocessedItems() ? response.unprocessedItems().getOrDefault(table, List.of())
                    : List.of();
        });
    }

    @Override
    public DeferralPage deferrals(String minute, Map<String, String> startKey, int limit) {
        QueryResponse response = dynamoDb.query(q -> {
            q.tableName(table).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("DEFER#" + minute)))
                    .limit(limit).consistentRead(true);
            if (startKey != null && !startKey.isEmpty()) {
                q.exclusiveStartKey(DynamoDbAudienceReader.toKey(startKey));
            }
        });
        List<Deferral> deferrals = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            deferrals.add(new Deferral(minute, string(item, "postId"), new Recipient(string(item, "deviceId"),
                    string(item, "endpointArn"), string(item, "platform"), string(item, "locale"), string(item, "districtId"))));
        }
        Map<String, String> nextKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? DynamoDbAudienceReader.fromKey(response.lastEvaluatedKey()) : null;
        return new DeferralPage(deferrals, nextKey);
    }

    @Override
    public boolean hasDeferrals(String minute) {
        return dynamoDb.query(q -> q.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("DEFER#" + minute)))
                .limit(1)).count() > 0;
    }

    @Override
    public Optional<String> deferralWatermark() {
        Map<String, AttributeValue> item = dynamoDb.getItem(g -> g.tableName(table)
                .key(key(WATERMARK_PK, WATERMARK_SK)).consistentRead(true)).item();
        return item == null || !item.containsKey("minute") ? Optional.empty() : Optional.of(item.get("minute").s());
    }

    @Override
    public boolean advanceDeferralWatermark(Optional<String> expected, String minute) {
        try {
            dynamoDb.putItem(p -> {
                p.tableName(table).item(Map.of("pk", AttributeValue.fromS(WATERMARK_PK),
                        "sk", AttributeValue.fromS(WATERMARK_SK), "minute", AttributeValue.fromS(minute)));
                if (expected.isPresent()) {
                    p.conditionExpression("#minute = :expected")
                            .expressionAttributeNames(Map.of("#minute", "minute"))
                            .expressionAttributeValues(Map.of(":expected", AttributeValue.fromS(expected.get())));
                } else {
                    p.conditionExpression("attribute_not_exists(pk)");
                }
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
