package no.nabolag.local.stack;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import no.nabolag.core.config.Settings;

/**
 * Test handler: records every record it gets; reports bodies starting with "fail" as batch item failures and
 * throws for a batch containing a body starting with "throw".
 */
public class RecordingSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    public record Seen(String body, String receiveCount, String eventSourceArn, int remainingMillis, int batchSize) {
    }

    public static final ConcurrentLinkedQueue<Seen> SEEN = new ConcurrentLinkedQueue<>();

    public RecordingSqsHandler(Settings settings) {
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        boolean doThrow = false;
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            SEEN.add(new Seen(record.getBody(), record.getAttributes().get("ApproximateReceiveCount"),
                    record.getEventSourceArn(), context.getRemainingTimeInMillis(), event.getRecords().size()));
            if (record.getBody().startsWith("fail")) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
            doThrow |= record.getBody().startsWith("throw");
        }
        if (doThrow) {
            throw new IllegalStateException("test failure");
        }
        return new SQSBatchResponse(failures);
    }
}
