package no.nabolag.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Delivery bookkeeping in the Delivery table: finished pages per task (conditional writes make redelivery safe),
 * a lease per task (so two copies of one message never work the same shard at once), the devices already handled
 * in a page that failed half-way, and the deferred pushes by due minute.
 */
public interface DeliveryLedger {

    /** A finished page: {@code nextKey} is where the next page starts, null when the task is complete. */
    record PageRecord(int page, Map<String, String> nextKey) {
        public boolean last() {
            return nextKey == null;
        }
    }

    record DeferralPage(List<Deferral> deferrals, Map<String, String> nextKey) {
    }

    Optional<PageRecord> lastPage(String progressKey);

    /** Records a finished page once; false if it was already recorded (another worker finished it). */
    boolean recordPage(String progressKey, PageRecord record, Figures figures);

    /** Device ids already handled (sent, disabled or deferred) in a page whose earlier attempt failed. */
    Set<String> handledInPage(String progressKey, int page);

    void addHandled(String progressKey, int page, Collection<String> deviceIds);

    /** Takes or renews the task's lease; false if another live owner holds it. */
    boolean acquireLease(String progressKey, String owner, Instant now, Duration duration);

    void releaseLease(String progressKey, String owner);

    /**
     * Stores deferred pushes under their minute and shard, and marks each of their (minute, shard) pairs in the
     * minute's index item (see {@link #deferralShards}).
     */
    void defer(List<Deferral> deferrals);

    /** A page of one minute's deferred pushes in one deferral shard. */
    DeferralPage deferrals(String minute, int shard, Map<String, String> startKey, int limit);

    /** The deferral shards that have pushes deferred to the minute (empty when none). */
    Set<Integer> deferralShards(String minute);

    /** The last minute whose deferrals the scheduler has handed to delivery. */
    Optional<String> deferralWatermark();

    /** Moves the watermark from {@code expected} (empty: none yet) to {@code minute}; false if someone else moved it. */
    boolean advanceDeferralWatermark(Optional<String> expected, String minute);
}
