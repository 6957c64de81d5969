package no.nabolag.local.stack;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.concurrent.ConcurrentLinkedQueue;
import no.nabolag.core.config.Settings;

/** Test handler: records each scheduled event's detail type. */
public class CountingScheduleHandler implements RequestHandler<ScheduledEvent, Void> {
    public static final ConcurrentLinkedQueue<String> SEEN = new ConcurrentLinkedQueue<>();

    public CountingScheduleHandler(Settings settings) {
    }

    @Override
    public Void handleRequest(ScheduledEvent event, Context context) {
        SEEN.add(event.getDetailType() + "|" + event.getSource());
        return null;
    }
}
