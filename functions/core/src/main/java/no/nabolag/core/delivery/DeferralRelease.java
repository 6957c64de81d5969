package no.nabolag.core.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nabolag.core.log.JsonLog;

/**
 * The scheduler's share of quiet hours: hands each minute's deferred pushes to the delivery queue once that minute
 * has passed. A watermark in the Delivery table remembers the last minute handed over; each run also looks back a
 * few minutes before it, to catch a deferral written just as its minute was handed over. Handing a minute over twice
 * is harmless: the delivery task of a minute records its pages, so a second one finds them done.
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

    /** @return the minutes handed to delivery */
    public List<String> release() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Instant through = now.minus(Duration.ofMinutes(1));
        Optional<String> watermark = ledger.deferralWatermark();
        Instant from = watermark.map(Deferral::instantOf).map(m -> m.minus(OVERLAP))
                .orElse(now.minus(FIRST_LOOKBACK));
        if (from.isBefore(through.minus(Duration.ofMinutes(MAX_MINUTES_PER_RUN)))) {
            from = through.minus(Duration.ofMinutes(MAX_MINUTES_PER_RUN));
        }
        List<String> due = new ArrayList<>();
        for (Instant minute = from; !minute.isAfter(through); minute = minute.plus(Duration.ofMinutes(1))) {
            String key = Deferral.minuteOf(minute);
            if (ledger.hasDeferrals(key) && !ledger.lastPage(DeliveryTask.deferred(key).progressKey())
                    .map(DeliveryLedger.PageRecord::last).orElse(false)) {
                due.add(key);
            }
        }
        queue.sendAll(due.stream().map(DeliveryTask::deferred).toList());
        String newMark = Deferral.minuteOf(through);
        if (watermark.map(w -> w.compareTo(newMark) < 0).orElse(true)) {
            ledger.advanceDeferralWatermark(watermark, newMark);
        }
        if (!due.isEmpty()) {
            LOG.info("Deferred pushes released", Map.of("minutes", due.size(), "first", due.get(0)));
        }
        return due;
    }
}
