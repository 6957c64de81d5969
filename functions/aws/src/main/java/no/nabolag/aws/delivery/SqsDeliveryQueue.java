package no.nabolag.aws.delivery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import no.nabolag.aws.BatchRetry;
import no.nabolag.core.delivery.DeliveryQueue;
import no.nabolag.core.delivery.DeliveryTask;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * SendMessageBatch in tens; entries that failed (or a whole request that failed after the SDK's own retries) are sent
 * again under the {@link BatchRetry} policy, and entries already sent are not sent twice. An entry SQS refuses as the
 * sender's fault is not retried.
 */
public final class SqsDeliveryQueue implements DeliveryQueue {
    private final SqsClient sqs;
    private final String queueUrl;
    private final BatchRetry retry;

    public SqsDeliveryQueue(SqsClient sqs, String queueUrl) {
        this(sqs, queueUrl, BatchRetry.standard());
    }

    public SqsDeliveryQueue(SqsClient sqs, String queueUrl, BatchRetry retry) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.retry = retry;
    }

    @Override
    public void sendAll(List<DeliveryTask> tasks) {
        for (int i = 0; i < tasks.size(); i += 10) {
            sendBatch(tasks.subList(i, Math.min(tasks.size(), i + 10)));
        }
    }

    private void sendBatch(List<DeliveryTask> batch) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            // The group makes the standard queue a fair queue: a tenant with fewer messages in flight is served first.
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .messageBody(batch.get(i).toJson()).messageGroupId(batch.get(i).messageGroup()).build());
        }
        retry.untilDone("delivery messages", entries, pending -> {
            SendMessageBatchResponse response;
            try {
                response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(pending));
            } catch (SdkException e) {
                return pending;
            }
            for (BatchResultErrorEntry failed : response.failed()) {
                if (Boolean.TRUE.equals(failed.senderFault())) {
                    throw new IllegalStateException("Delivery message rejected: " + failed.code());
                }
            }
            Set<String> sent = new HashSet<>();
            response.successful().forEach(ok -> sent.add(ok.id()));
            return pending.stream().filter(e -> !sent.contains(e.id())).toList();
        });
    }
}
