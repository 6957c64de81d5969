package no.nabolag.aws.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nabolag.core.delivery.Backoff;
import no.nabolag.core.delivery.DeliveryQueue;
import no.nabolag.core.delivery.DeliveryTask;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** SendMessageBatch in tens; entries that failed are retried with backoff, the rest are not sent twice. */
public final class SqsDeliveryQueue implements DeliveryQueue {
    private static final int MAX_ATTEMPTS = 6;
    private final SqsClient sqs;
    private final String queueUrl;
    private final Backoff backoff;

    public SqsDeliveryQueue(SqsClient sqs, String queueUrl) {
        this(sqs, queueUrl, Backoff.standard());
    }

    public SqsDeliveryQueue(SqsClient sqs, String queueUrl, Backoff backoff) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.backoff = backoff;
    }

    @Override
    public void sendAll(List<DeliveryTask> tasks) {
        for (int i = 0; i < tasks.size(); i += 10) {
            sendBatch(tasks.subList(i, Math.min(tasks.size(), i + 10)));
        }
    }

    private void sendBatch(List<DeliveryTask> batch) {
        Map<String, SendMessageBatchRequestEntry> pending = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            String id = Integer.toString(i);
            pending.put(id, SendMessageBatchRequestEntry.builder().id(id).messageBody(batch.get(i).toJson()).build());
        }
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException("Could not send " + pending.size() + " delivery messages");
            }
            if (attempt > 0) {
                backoff.pause(attempt);
            }
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(pending.values());
            try {
                SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
                response.successful().forEach(ok -> pending.remove(ok.id()));
                for (BatchResultErrorEntry failed : response.failed()) {
                    if (Boolean.TRUE.equals(failed.senderFault())) {
                        throw new IllegalStateException("Delivery message rejected: " + failed.code());
                    }
                }
            } catch (software.amazon.awssdk.core.exception.SdkException e) {
                if (attempt + 1 >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
