package no.nabolag.aws.subscription;

import java.util.Map;
import no.nabolag.core.subscription.AudienceShardCount;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The stored audience shard count: CatalogTable item pk {@code AUDIENCE}, sk {@code SHARDS}, maxShards (N). */
public final class DynamoDbAudienceShardCount implements AudienceShardCount {
    static final Map<String, AttributeValue> KEY = Map.of("pk", AttributeValue.fromS("AUDIENCE"),
            "sk", AttributeValue.fromS("SHARDS"));
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbAudienceShardCount(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void record(int shards) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET maxShards = :n")
                    .conditionExpression("attribute_not_exists(maxShards) OR maxShards < :n")
                    .expressionAttributeValues(Map.of(":n", AttributeValue.fromN(Integer.toString(shards)))));
        } catch (ConditionalCheckFailedException e) {
            // Already as high or higher: never lowered.
        }
    }

    @Override
    public int stored() {
        var item = dynamoDb.getItem(r -> r.tableName(table).key(KEY).consistentRead(true)).item();
        AttributeValue n = item == null ? null : item.get("maxShards");
        return n == null || n.n() == null ? 0 : Integer.parseInt(n.n());
    }
}
