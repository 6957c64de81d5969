package no.nabolag.aws.post;

import java.time.Clock;
import no.nabolag.core.config.Settings;
import no.nabolag.core.post.PostPublication;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The outbox wired to AWS: the DynamoDB stores and the SQS queue named by POSTS_TABLE, FEED_TABLE, FANOUT_QUEUE_URL. */
public final class AwsPostPublication {
    private AwsPostPublication() {
    }

    public static PostPublication from(Settings settings, DynamoDbClient dynamoDb, SqsClient sqs, Clock clock) {
        return new PostPublication(new DynamoDbPostStore(dynamoDb, settings.require("POSTS_TABLE")),
                new DynamoDbFeedStore(dynamoDb, settings.require("FEED_TABLE")),
                new SqsFanoutQueue(sqs, settings.require("FANOUT_QUEUE_URL")), clock);
    }
}
