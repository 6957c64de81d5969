package no.nabolag.local.wiring;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import no.nabolag.core.log.JsonLog;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * An SQS event source mapping as Lambda runs it: pollers receive up to BatchSize messages (long polling), invoke the
 * function with an {@link SQSEvent}, and delete what succeeded. With ReportBatchItemFailures only the records the
 * function names in {@link SQSBatchResponse#getBatchItemFailures()} stay; a thrown exception keeps the whole batch.
 * Kept messages come back after the queue's visibility timeout, and the queue's redrive policy moves them to the DLQ
 * after maxReceiveCount receives (ElasticMQ implements both).
 */
public final class SqsEventSource implements AutoCloseable {
    private static final JsonLog LOG = JsonLog.forClass(SqsEventSource.class);

    private final LocalFunction function;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final int batchSize;
    private final boolean reportBatchItemFailures;
    private final Duration failedRetryDelay;
    private final List<Thread> pollers = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** messageId to the time its failed receive becomes visible again: "waiting", not work in progress. */
    private final Map<String, Long> waitingAfterFailure = new ConcurrentHashMap<>();
    private final int visibilityTimeoutSeconds;
    private volatile boolean running = true;

    public SqsEventSource(LocalFunction function, SqsClient sqs, String queueUrl, String queueArn, String region,
                          int batchSize, boolean reportBatchItemFailures, int concurrency, Duration failedRetryDelay) {
        this.function = function;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.region = region;
        this.batchSize = Math.max(1, Math.min(10, batchSize));
        this.reportBatchItemFailures = reportBatchItemFailures;
        this.failedRetryDelay = failedRetryDelay;
        this.visibilityTimeoutSeconds = Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes()
                .getOrDefault(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
        for (int i = 0; i < concurrency; i++) {
            Thread poller = new Thread(this::poll, "sqs-" + function.id() + "-" + i);
            poller.setDaemon(true);
            pollers.add(poller);
        }
    }

    public void start() {
        pollers.forEach(Thread::start);
    }

    public String queueUrl() {
        return queueUrl;
    }

    public LocalFunction function() {
        return function;
    }

    /** Batches received and not yet finished. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Messages invisible because an invocation failed (they wait for their visibility timeout). */
    public int waitingAfterFailure() {
        long now = System.currentTimeMillis();
        waitingAfterFailure.values().removeIf(visibleAt -> visibleAt <= now);
        return waitingAfterFailure.size();
    }

    private void poll() {
        while (running) {
            ReceiveMessageResponse received;
            try {
                received = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
                        .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"));
                if (received.hasMessages() && !received.messages().isEmpty()) {
                    inFlight.incrementAndGet();
                    try {
                        handle(received.messages());
                    } finally {
                        inFlight.decrementAndGet();
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.error("SQS poller failed; retrying", e, Map.of("function", function.id()));
                sleep(1000);
            }
        }
    }

    private void handle(List<Message> messages) {
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            records.add(record(message));
            waitingAfterFailure.remove(message.messageId());
        }
        event.setRecords(records);
        Set<String> failed = new HashSet<>();
        long start = System.nanoTime();
        try {
            SQSBatchResponse response = function.invoke(event, SQSBatchResponse.class);
            if (reportBatchItemFailures && response != null && response.getBatchItemFailures() != null) {
                Set<String> ids = new HashSet<>();
                messages.forEach(m -> ids.add(m.messageId()));
                for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
                    String id = failure.getItemIdentifier();
                    if (id == null || !ids.contains(id)) {
                        // Lambda treats an unknown or empty itemIdentifier as a failure of the whole batch.
                        failed.addAll(ids);
                        break;
                    }
                    failed.add(id);
                }
            }
        } catch (LocalFunction.MissingHandlerException e) {
            messages.forEach(m -> failed.add(m.messageId()));
        } catch (RuntimeException | Error e) {
            LOG.error("Function failed; the batch stays on the queue", e, Map.of("function", function.id(),
                    "messages", messages.size()));
            messages.forEach(m -> failed.add(m.messageId()));
        }
        List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                deletes.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(deletes.size()))
                        .receiptHandle(message.receiptHandle()).build());
            } else {
                keepForRetry(message);
            }
        }
        if (!deletes.isEmpty()) {
            sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(deletes));
        }
        LOG.info("SQS batch processed", Map.of("function", function.id(), "messages", messages.size(),
                "failed", failed.size(), "durationMs", (System.nanoTime() - start) / 1_000_000));
    }

    private void keepForRetry(Message message) {
        int delaySeconds = visibilityTimeoutSeconds;
        if (failedRetryDelay != null) {
            delaySeconds = (int) failedRetryDelay.toSeconds();
            try {
                int seconds = delaySeconds;
                sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                        .visibilityTimeout(seconds));
            } catch (RuntimeException e) {
                LOG.warn("Could not shorten the visibility of a failed message", Map.of("function", function.id()));
            }
        }
        waitingAfterFailure.put(message.messageId(), System.currentTimeMillis() + delaySeconds * 1000L);
    }

    private SQSEvent.SQSMessage record(Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        record.setAwsRegion(region);
        Map<String, String> attributes = new HashMap<>();
        message.attributesAsStrings().forEach(attributes::put);
        record.setAttributes(attributes);
        Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
        message.messageAttributes().forEach((name, value) -> {
            SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
            attribute.setDataType(value.dataType());
            attribute.setStringValue(value.stringValue());
            if (value.binaryValue() != null) {
                attribute.setBinaryValue(value.binaryValue().asByteBuffer());
            }
            messageAttributes.put(name, attribute);
        });
        record.setMessageAttributes(messageAttributes);
        return record;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        pollers.forEach(Thread::interrupt);
        for (Thread poller : pollers) {
            try {
                poller.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
