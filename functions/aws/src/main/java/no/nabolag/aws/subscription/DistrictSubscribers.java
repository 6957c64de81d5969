package no.nabolag.aws.subscription;

import java.util.Map;
import java.util.function.IntSupplier;
import no.nabolag.core.subscription.AudienceShard;
import no.nabolag.core.subscription.AudienceShardCount;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Whether anyone follows a district: one Limit-1 query per audience shard of the `audience` index
 * (16 small reads by default), instead of a scan. Used to refuse deleting a district that has subscribers.
 * Every shard items may have been written to is read: the larger of AudienceShards and the stored count
 * ({@link AudienceShardCount}), so lowering the parameter cannot hide a follower.
 */
public final class DistrictSubscribers {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final IntSupplier shards;

    public DistrictSubscribers(DynamoDbClient dynamoDb, String table, int configuredShards, AudienceShardCount stored) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.shards = () -> AudienceShardCount.toRead(configuredShards, stored.stored());
    }

    public boolean any(String districtId) {
        int count = shards.getAsInt();
        for (int shard = 0; shard < count; shard++) {
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
