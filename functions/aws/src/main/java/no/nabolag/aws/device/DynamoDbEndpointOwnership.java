package no.nabolag.aws.device;

import java.util.Map;
import java.util.Optional;
import no.nabolag.core.device.EndpointOwnership;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Token-ownership items in DevicesTable: {@code deviceId = TOKEN#<appId>#<platform>#<sha256>} with ownerDeviceId,
 * since, endpointArn and, while the owner's erasure deletes the endpoint, releasing (docs/data-model.md). Every
 * change is one conditional write on the item, so two workers and an erasure can race on a token safely.
 */
public final class DynamoDbEndpointOwnership implements EndpointOwnership {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbEndpointOwnership(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<Owner> find(String key) {
        var item = dynamoDb.getItem(r -> r.tableName(table).key(key(key)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(owner(item));
    }

    @Override
    public Claim claim(String key, String deviceId, String since) {
        for (int attempt = 0; ; attempt++) {
            try {
                var previous = dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table).key(key(key))
                        .updateExpression("SET #owner = :me, #since = :since")
                        // Free, mine, or held by a device that got the token before this one (ties by device id).
                        .conditionExpression("attribute_not_exists(deviceId) OR (attribute_not_exists(#releasing) AND "
                                + "(#owner = :me OR #since < :since OR (#since = :since AND #owner < :me)))")
                        .expressionAttributeNames(Map.of("#owner", "ownerDeviceId", "#since", "since",
                                "#releasing", "releasing"))
                        .expressionAttributeValues(Map.of(":me", s(deviceId), ":since", s(since)))
                        .returnValues(ReturnValue.ALL_OLD).build()).attributes();
                return new Claimed(previous == null || previous.isEmpty() ? Optional.empty()
                        : Optional.of(owner(previous)));
            } catch (ConditionalCheckFailedException e) {
                Optional<Owner> holder = find(key);
                if (holder.isPresent()) {
                    return holder.get().releasing() ? new BeingReleased() : new HeldByNewer(holder.get());
                }
                if (attempt >= 2) {
                    return new BeingReleased();
                }
                // Released between the claim and the read: claim again.
            }
        }
    }

    @Override
    public boolean recordEndpoint(String key, String deviceId, String endpointArn) {
        return applied(UpdateItemRequest.builder().tableName(table).key(key(key))
                .updateExpression("SET #arn = :arn")
                .conditionExpression("#owner = :me AND attribute_not_exists(#releasing)")
                .expressionAttributeNames(Map.of("#arn", "endpointArn", "#owner", "ownerDeviceId",
                        "#releasing", "releasing"))
                .expressionAttributeValues(Map.of(":arn", s(endpointArn), ":me", s(deviceId))).build());
    }

    @Override
    public Optional<Owner> beginRelease(String key, String deviceId) {
        try {
            var item = dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table).key(key(key))
                    .updateExpression("SET #releasing = :me")
                    .conditionExpression("#owner = :me")
                    .expressionAttributeNames(Map.of("#releasing", "releasing", "#owner", "ownerDeviceId"))
                    .expressionAttributeValues(Map.of(":me", s(deviceId)))
                    .returnValues(ReturnValue.ALL_NEW).build()).attributes();
            return Optional.of(owner(item));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public void finishRelease(String key, String deviceId) {
        delete(key, "#releasing = :me", Map.of("#releasing", "releasing"), deviceId);
    }

    @Override
    public void forget(Owner orphan) {
        delete(orphan.key(), "#owner = :me", Map.of("#owner", "ownerDeviceId"), orphan.deviceId());
    }

    private void delete(String key, String condition, Map<String, String> names, String deviceId) {
        try {
            dynamoDb.deleteItem(r -> r.tableName(table).key(key(key)).conditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(Map.of(":me", s(deviceId))));
        } catch (ConditionalCheckFailedException e) {
            // Someone else owns it now: theirs to keep.
        }
    }

    private boolean applied(UpdateItemRequest request) {
        try {
            dynamoDb.updateItem(request);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** An ownership item as the sweep and the claim read it. */
    public static Owner owner(Map<String, AttributeValue> item) {
        return new Owner(string(item, "deviceId"), string(item, "ownerDeviceId"), string(item, "since"),
                string(item, "endpointArn"), item.containsKey("releasing"));
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of("deviceId", s(key));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }
}
