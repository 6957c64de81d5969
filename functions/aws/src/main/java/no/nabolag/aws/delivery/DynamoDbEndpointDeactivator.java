package no.nabolag.aws.delivery;

import java.time.Instant;
import java.util.Map;
import no.nabolag.core.delivery.EndpointDeactivator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Sets {@code active = false} on the Devices item and on each of the device's subscription items (which carry a copy
 * for delivery). Conditional on the item existing, so a device deleted meanwhile is not recreated.
 */
public final class DynamoDbEndpointDeactivator implements EndpointDeactivator {
    private final DynamoDbClient dynamoDb;
    private final String devicesTable;
    private final String subscriptionsTable;

    public DynamoDbEndpointDeactivator(DynamoDbClient dynamoDb, String devicesTable, String subscriptionsTable) {
        this.dynamoDb = dynamoDb;
        this.devicesTable = devicesTable;
        this.subscriptionsTable = subscriptionsTable;
    }

    @Override
    public void deactivate(String deviceId) {
        String now = Instant.now().toString();
        update(devicesTable, Map.of("deviceId", AttributeValue.fromS(deviceId)), now);
        QueryRequest query = QueryRequest.builder().tableName(subscriptionsTable)
                .keyConditionExpression("deviceId = :d")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(deviceId)))
                .projectionExpression("deviceId, districtId")
                .build();
        dynamoDb.queryPaginator(query).items().forEach(item -> update(subscriptionsTable,
                Map.of("deviceId", item.get("deviceId"), "districtId", item.get("districtId")), now));
    }

    private void update(String table, Map<String, AttributeValue> key, String now) {
        try {
            dynamoDb.updateItem(u -> u.tableName(table).key(key)
                    .updateExpression("SET active = :false, updatedAt = :now")
                    .conditionExpression("attribute_exists(deviceId)")
                    .expressionAttributeValues(Map.of(":false", AttributeValue.fromBool(false),
                            ":now", AttributeValue.fromS(now))));
        } catch (ConditionalCheckFailedException e) {
            // already deleted
        }
    }
}
