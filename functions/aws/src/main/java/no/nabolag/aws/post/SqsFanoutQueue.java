package no.nabolag.aws.post;

import java.util.Map;
import no.nabolag.core.json.Json;
import no.nabolag.core.post.FanoutQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** FanoutQueue on SQS (FANOUT_QUEUE_URL). */
public final class SqsFanoutQueue implements FanoutQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsFanoutQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(String postId) {
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(Json.write(Map.of("postId", postId))));
    }
}
