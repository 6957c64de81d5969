package no.nabolag.coldstart.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** Plain handler for a fan-out message: read the post, send one delivery message per audience shard. */
public final class FanoutBaseline implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final DynamoDbClient dynamoDb = Plain.dynamoDb();
    private final SqsClient sqs = Plain.sqs();

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        int shards = Integer.parseInt(Plain.env("AUDIENCE_SHARDS"));
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            String body = message.getBody();
            String postId = body.replaceAll(".*\"postId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            var post = dynamoDb.getItem(g -> g.tableName(Plain.env("POSTS_TABLE")).consistentRead(true)
                    .key(Map.of("postId", AttributeValue.fromS(postId)))).item();
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (AttributeValue district : post.get("districtIds").l()) {
                for (int shard = 0; shard < shards; shard++) {
                    entries.add(SendMessageBatchRequestEntry.builder().id(district.s() + shard).messageBody(
                            "{\"kind\":\"shard\",\"postId\":\"" + postId + "\",\"districtId\":\"" + district.s()
                                    + "\",\"shard\":" + shard + "}").build());
                }
            }
            for (int i = 0; i < entries.size(); i += 10) {
                List<SendMessageBatchRequestEntry> batch = entries.subList(i, Math.min(entries.size(), i + 10));
                sqs.sendMessageBatch(b -> b.queueUrl(Plain.env("DELIVERY_QUEUE_URL")).entries(batch));
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(List.of()).build();
    }
}
