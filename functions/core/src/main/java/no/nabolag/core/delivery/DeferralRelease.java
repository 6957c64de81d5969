package no.nabolag.core.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import no.nabolag.core.log.JsonLog;

/**
 * The scheduler's share of quiet hours: hands each minute's deferred pushes to the delivery queue once that minute
 * has passed, one delivery task per deferral shard that holds some, so the delivery workers release a wave (say
 * 300,000 residents whose quiet hours end at 07:00) in parallel, each paced like any delivery.
 * A watermark in the Delivery table remembers the last minute handed over; each run also looks back a few minutes
 * before it, to catch a deferral written just as its minute was handed over. Handing a shard over twice is harmless:
 * its delivery task records its pages, so a second one finds them done (shards already done are not sent again).
 * Delivery of a minute starts one minute after it, so a deferral written at the turn of the minute is not missed.
 */
public final class DeferralRelease {
    static final Duration FIRST_LOOKBACK = Duration.ofHours(1);
    static final Duration OVERLAP = Duration.ofMinutes(5);
    static final int MAX_MINUTES_PER_RUN = 24 * 60;
    private static final JsonLog LOG = JsonLog.forClass(DeferralRelease.class);

    private final DeliveryLedger ledger;
    private final DeliveryQueue queue;
    private final Clock clock;

    public DeferralRelease(DeliveryLedger ledger, DeliveryQueue queue, Clock clock) {
        this.ledger = ledger;
        this.queue = queue;
        this.clock = clock;
    }

    /** @return the delivery tasks handed over (one per minute and deferral shard) */
    public List<DeliveryTask> release() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Instant through = now.minus(Duration.ofMinutes(1));
        Optional<String> watermark = ledger.deferralWatermark();
        Instant from = watermark.map(Deferral::instantOf).map(m -> m.minus(OVERLAP))
                .orElse(now.minus(FIRST_LOOKBACK));
        if (from.isBefore(through.minus(Duration.ofMinutes(MAX_MINUTES_PER_RUN)))) {
            from = through.minus(Duration.ofMinutes(MAX_MINUTES_PER_RUN));
        }
        List<DeliveryTask> due = new ArrayList<>();
        for (Instant minute = from; !minute.isAfter(through); minute = minute.plus(Duration.ofMinutes(1))) {
            String key = Deferral.minuteOf(minute);
            for (int shard : new TreeSet<>(ledger.deferralShards(key))) {
                DeliveryTask task = DeliveryTask.deferred(key, shard);
                if (!ledger.lastPage(task.progressKey()).map(DeliveryLedger.PageRecord::last).orElse(false)) {
                    due.add(task);
                }
            }
        }
        queue.sendAll(due);
        String newMark = Deferral.minuteOf(through);
        if (watermark.map(w -> w.compareTo(newMark) < 0).orElse(true)) {
            ledger.advanceDeferralWatermark(watermark, newMark);
        }
        if (!due.isEmpty()) {
            LOG.info("Deferred pushes released", Map.of("tasks", due.size(), "first", due.get(0).label()));
        }
        return due;
    }
}
