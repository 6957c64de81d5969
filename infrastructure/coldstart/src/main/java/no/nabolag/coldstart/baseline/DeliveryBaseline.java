package no.nabolag.coldstart.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Plain handler for one delivery message: take the shard's lease, read progress, the post and a page of the
 * audience index, publish to each endpoint (async SNS, all in flight), record the page, count, release the lease.
 */
public final class DeliveryBaseline implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final DynamoDbClient dynamoDb = Plain.dynamoDb();
    private final SnsAsyncClient sns = Plain.snsAsync();
    private final SqsClient sqs = Plain.sqs(); // built at init like the function's (continuations), not called here

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            String body = message.getBody();
            String postId = field(body, "postId");
            String district = field(body, "districtId");
            String shard = String.format("%02d", Integer.parseInt(body.replaceAll(".*\"shard\"\\s*:\\s*(\\d+).*", "$1")));
            String delivery = Plain.env("DELIVERY_TABLE");
            String progress = "PROGRESS#" + postId + "#" + district + "#" + shard;
            dynamoDb.putItem(p -> p.tableName(delivery).item(Map.of("pk", s(progress), "sk", s("LEASE"),
                    "until", s(Instant.now().plusSeconds(120).toString()))).conditionExpression("attribute_not_exists(pk)"));
            dynamoDb.query(q -> q.tableName(delivery).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(progress))).scanIndexForward(false).limit(1));
            var post = dynamoDb.getItem(g -> g.tableName(Plain.env("POSTS_TABLE")).consistentRead(true)
                    .key(Map.of("postId", s(postId)))).item();
            var audience = dynamoDb.query(q -> q.tableName(Plain.env("SUBSCRIPTIONS_TABLE")).indexName("audience")
                    .keyConditionExpression("audienceShard = :a")
                    .expressionAttributeValues(Map.of(":a", s(district + "#" + shard))).limit(250));
            dynamoDb.getItem(g -> g.tableName(delivery).key(Map.of("pk", s(progress), "sk", s("PAGE#000000"))));
            List<CompletableFuture<?>> pushes = new ArrayList<>();
            for (var subscriber : audience.items()) {
                String payload = "{\"default\":\"" + post.get("title").s() + "\"}";
                pushes.add(sns.publish(r -> r.targetArn(subscriber.get("endpointArn").s()).messageStructure("json")
                        .message(payload)));
            }
            CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new)).join();
            dynamoDb.putItem(p -> p.tableName(delivery).item(Map.of("pk", s(progress), "sk", s("PAGE#000000"),
                    "sent", AttributeValue.fromN(String.valueOf(pushes.size())))).conditionExpression("attribute_not_exists(pk)"));
            dynamoDb.updateItem(u -> u.tableName(Plain.env("POSTS_TABLE")).key(Map.of("postId", s(postId)))
                    .updateExpression("ADD #sent :n").expressionAttributeNames(Map.of("#sent", "sent"))
                    .expressionAttributeValues(Map.of(":n", AttributeValue.fromN(String.valueOf(pushes.size())))));
            dynamoDb.deleteItem(d -> d.tableName(delivery).key(Map.of("pk", s(progress), "sk", s("LEASE"))));
        }
        return SQSBatchResponse.builder().withBatchItemFailures(List.of()).build();
    }

    private static String field(String json, String name) {
        return json.replaceAll(".*\"" + name + "\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
