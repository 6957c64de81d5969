package no.nabolag.core.delivery;

import java.util.List;

/** The delivery queue: sends tasks, all or nothing (throws if some could not be sent after retries). */
public interface DeliveryQueue {
    void sendAll(List<DeliveryTask> tasks);
}
