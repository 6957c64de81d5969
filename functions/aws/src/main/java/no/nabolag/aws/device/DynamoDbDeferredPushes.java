package no.nabolag.aws.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nabolag.core.device.DeferredPushes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A device's deferred pushes in DeliveryTable, found through the sparse keys-only index {@code deviceDeferrals}
 * (deviceId, pk): only deferral items carry a deviceId attribute, whatever their keys look like.
 */
public final class DynamoDbDeferredPushes implements DeferredPushes {
    public static final String INDEX = "deviceDeferrals";
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbDeferredPushes(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void eraseAll(String deviceId) {
        List<WriteRequest> deletes = new ArrayList<>();
        dynamoDb.queryPaginator(QueryRequest.builder().tableName(table).indexName(INDEX)
                        .keyConditionExpression("deviceId = :d")
                        .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(deviceId))).build())
                .items().forEach(item -> deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                        .key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))).build()).build()));
        write(dynamoDb, table, deletes);
    }

    private static final int BATCH = 25;
    private static final int MAX_ATTEMPTS = 8;

    /** BatchWriteItem in chunks of 25, retrying unprocessed items with a short back-off. */
    private static void write(DynamoDbClient dynamoDb, String table, List<WriteRequest> writes) {
        for (int from = 0; from < writes.size(); from += BATCH) {
            List<WriteRequest> pending = writes.subList(from, Math.min(writes.size(), from + BATCH));
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new IllegalStateException("DynamoDB left " + pending.size() + " writes unprocessed");
                }
                if (attempt > 0) {
                    try {
                        Thread.sleep(20L << attempt);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while retrying writes", e);
                    }
                }
                final List<WriteRequest> batch = pending;
                var response = dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(table, batch)));
                pending = response.hasUnprocessedItems()
                        ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
            }
        }
    }
}
