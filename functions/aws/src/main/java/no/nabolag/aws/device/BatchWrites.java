package no.nabolag.aws.device;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchWriteItem in chunks of 25, retrying unprocessed items with a short back-off. */
final class BatchWrites {
    private static final int BATCH = 25;
    private static final int MAX_ATTEMPTS = 8;

    private BatchWrites() {
    }

    static void write(DynamoDbClient dynamoDb, String table, List<WriteRequest> writes) {
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
