package no.nabolag.aws.subscription;

import java.util.Map;
import no.nabolag.core.subscription.AudienceShard;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Whether anyone follows a district: one Limit-1 query per audience shard of the `audience` index
 * (16 small reads by default), instead of a scan. Used to refuse deleting a district that has subscribers.
 */
public final class DistrictSubscribers {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final int shards;

    public DistrictSubscribers(DynamoDbClient dynamoDb, String table, int shards) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.shards = shards;
    }

    public boolean any(String districtId) {
        for (int shard = 0; shard < shards; shard++) {
            String key = AudienceShard.key(districtId, shard);
            var page = dynamoDb.query(r -> r.tableName(table).indexName("audience").limit(1)
                    .keyConditionExpression("audienceShard = :k")
                    .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(key))));
            if (page.count() > 0) {
                return true;
            }
        }
        return false;
    }
}
