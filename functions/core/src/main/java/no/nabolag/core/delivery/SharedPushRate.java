package no.nabolag.core.delivery;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import no.nabolag.core.log.JsonLog;

/**
 * One worker's pace under the account's push rate, shared by all delivery workers of both lanes through a
 * {@link PushRateLedger} (docs/data-model.md, "The shared push rate"). Instead of each worker keeping a fixed share
 * (the rate over the workers, the urgent reserve idle when no urgent post is being sent), a worker claims small
 * blocks of permits from the current tenth of a second's budget whenever it has pushes to send:
 * <ul>
 *   <li>a worker alone, or a post alone, gets the whole rate, and idle workers' share goes to busy ones;</li>
 *   <li>an urgent worker may take every permit of a slot, and marks its second and the next as urgent;</li>
 *   <li>in a marked second ordinary workers leave the urgent reserve (its share of each slot) to urgent ones, so an
 *       urgent post gets at least its reserve, at once, however busy the ordinary lane is, and the whole rate when
 *       the ordinary lane has nothing to send; with no urgent post the ordinary lane borrows the reserve.</li>
 * </ul>
 * A slot's budget is the rate's tenth (exactly: the slots of a second add up to the rate), so the account never
 * sends more than its quota in a second, give or take the permits a worker claimed late in a slot and sends early in
 * the next; permits not spent within a second of their slot are dropped, never saved up into a burst.
 *
 * <p>If the ledger cannot be reached, the worker paces itself for a second at a time to its fallback (its lane's
 * guaranteed share over its workers, what every worker had before the rate was shared) instead of failing: a push
 * already sent in the page must be recorded, never sent again by a retry of the page.
 *
 * <p>Not thread-safe by itself: one instance per worker, whose threads share it through the synchronized
 * {@link #acquire()}.
 */
public final class SharedPushRate implements PushPace {
    static final int SLOTS_PER_SECOND = 10;
    static final long SLOT_MILLIS = 1000 / SLOTS_PER_SECOND;
    /** A slot's budget is claimed in about this many blocks: few writes per slot, small spill-over into the next. */
    static final int BLOCKS_PER_SLOT = 8;
    private static final JsonLog LOG = JsonLog.forClass(SharedPushRate.class);

    private final PushRateLedger ledger;
    private final boolean urgentLane;
    private final int rate;
    private final int urgentReserve;
    private final LongSupplier millis;
    private final LongConsumer sleepMillis;
    private final PushPace fallback;
    private long fallbackUntil = Long.MIN_VALUE;
    private int permits;
    private long permitsExpireAt;
    private long markedThrough = Long.MIN_VALUE;

    /**
     * @param rate          the account's pushes per second (both lanes together), at least 1
     * @param urgentReserve the part of it ordinary workers leave to urgent ones while urgent posts are being sent
     * @param fallback      this worker's pace while the ledger cannot be reached
     */
    public SharedPushRate(PushRateLedger ledger, boolean urgentLane, int rate, int urgentReserve, PushPace fallback) {
        this(ledger, urgentLane, rate, urgentReserve, fallback, System::currentTimeMillis, SharedPushRate::sleep);
    }

    /** With a clock and a way to wait: a seam, so tests neither sleep nor measure time. */
    SharedPushRate(PushRateLedger ledger, boolean urgentLane, int rate, int urgentReserve, PushPace fallback,
                   LongSupplier millis, LongConsumer sleepMillis) {
        if (rate < 1) {
            throw new IllegalArgumentException("A shared push rate is at least 1 per second");
        }
        this.ledger = ledger;
        this.urgentLane = urgentLane;
        this.rate = rate;
        this.urgentReserve = Math.max(0, Math.min(rate, urgentReserve));
        this.millis = millis;
        this.sleepMillis = sleepMillis;
        this.fallback = fallback;
    }

    /** The part of a per-second rate that falls in slot {@code slot}: the slots of a second add up to it exactly. */
    static int share(int perSecond, int slot) {
        return (int) ((long) perSecond * (slot + 1) / SLOTS_PER_SECOND - (long) perSecond * slot / SLOTS_PER_SECOND);
    }

    @Override
    public synchronized void acquire() {
        while (true) {
            long now = millis.getAsLong();
            if (permits > 0 && now < permitsExpireAt) {
                permits--;
                return;
            }
            permits = 0;
            if (now < fallbackUntil) {
                fallback.acquire();
                return;
            }
            long second = Math.floorDiv(now, 1000);
            int slot = (int) (Math.floorMod(now, 1000) / SLOT_MILLIS);
            try {
                if (urgentLane && markedThrough < second + 1) {
                    // The next second too, so ordinary workers leave the reserve from its first slot on.
                    ledger.markUrgent(second + 1);
                    markedThrough = second + 1;
                }
                if (claim(second, slot)) {
                    permitsExpireAt = second * 1000 + (slot + 1) * SLOT_MILLIS + 1000;
                    continue;
                }
            } catch (RuntimeException unreachable) {
                LOG.warn("push rate ledger unavailable; pacing to this worker's own share for a second",
                        Map.of("error", String.valueOf(unreachable.getMessage())));
                fallbackUntil = now + 1000;
                continue;
            }
            long nextSlot = second * 1000 + (slot + 1) * SLOT_MILLIS;
            // A little jitter, so the workers that found a slot spent do not all claim at the same instant.
            sleepMillis.accept(nextSlot - now + ThreadLocalRandom.current().nextLong(0, 4));
        }
    }

    /** Claims a block of the slot's budget, or what is left of it; false when nothing is left for this lane. */
    private boolean claim(long second, int slot) {
        int cap = share(rate, slot);
        int urgentCap = urgentLane ? cap : cap - share(urgentReserve, slot);
        if (cap <= 0) {
            return false;
        }
        int block = Math.max(1, (cap + BLOCKS_PER_SLOT - 1) / BLOCKS_PER_SLOT);
        if (ledger.claim(new PushRateLedger.Claim(second, slot, block, cap, urgentCap, urgentLane))) {
            permits = block;
            return true;
        }
        PushRateLedger.Slot seen = ledger.read(second, slot);
        int left = (seen.urgent() ? urgentCap : cap) - seen.count();
        if (left <= 0) {
            return false;
        }
        int rest = Math.min(block, left);
        if (ledger.claim(new PushRateLedger.Claim(second, slot, rest, cap, urgentCap, urgentLane))) {
            permits = rest;
            return true;
        }
        return false;
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the push rate", e);
        }
    }
}
