package no.nabolag.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The account's push rate shared by workers of both lanes, on a clock the test owns (waiting moves it on; nothing
 * sleeps or is timed) and a ledger kept in memory with the DynamoDB adapter's rules (DynamoDbPushRateLedgerIT checks
 * the adapter against the emulator).
 */
class SharedPushRateTest {
    private static final int RATE = 300;
    private static final int RESERVE = 100;

    private static final long START = 1_764_748_800_000L;
    private final MemoryLedger ledger = new MemoryLedger();
    private final List<Worker> workers = new ArrayList<>();
    private int fallbackPermits;
    private final PushPace fallback = () -> fallbackPermits++;

    /** A worker on its own clock, which its waits move on; a push takes it a millisecond (1,000/s at most). */
    private final class Worker {
        long now = START;
        int left;
        final SharedPushRate pace;
        final Map<Long, Integer> sentPerSecond = new TreeMap<>();

        Worker(boolean urgent, int pushes) {
            this.left = pushes;
            this.pace = new SharedPushRate(ledger, urgent, RATE, RESERVE, fallback, () -> now, millis -> now += millis);
            workers.add(this);
        }

        int sentIn(long second) {
            return sentPerSecond.getOrDefault(second, 0);
        }
    }

    /** Runs the workers as if at the same time: always the one whose clock is earliest takes its next permit. */
    private void run() {
        while (true) {
            Worker next = workers.stream().filter(w -> w.left > 0).min(Comparator.comparingLong(w -> w.now))
                    .orElse(null);
            if (next == null) {
                return;
            }
            next.pace.acquire();
            next.sentPerSecond.merge(Math.floorDiv(next.now, 1000), 1, Integer::sum);
            next.left--;
            next.now += 1;
        }
    }

    @Test
    void aWorkerAloneGetsTheWholeRateIncludingTheIdleUrgentReserve() {
        Worker worker = new Worker(false, 3 * RATE);

        run();

        assertThat(worker.now - START).isBetween(2_800L, 3_000L);
    }

    @Test
    void anUrgentWorkerAloneGetsTheWholeRate() {
        Worker worker = new Worker(true, 3 * RATE);

        run();

        assertThat(worker.now - START).isBetween(2_800L, 3_000L);
    }

    @Test
    void workersTogetherNeverClaimMoreThanTheRateInASecond() {
        for (int i = 0; i < 5; i++) {
            new Worker(i == 4, 400);
        }

        run();

        assertThat(ledger.claimedPerSecond().values()).allSatisfy(claimed -> assertThat(claimed).isLessThanOrEqualTo(RATE));
        assertThat(workers).allSatisfy(w -> assertThat(w.now - START).isLessThanOrEqualTo(8_000L));
    }

    @Test
    void whileAnUrgentPostIsSentOrdinaryWorkersLeaveItTheReserveAndItTakesWhateverIsLeft() {
        // Arrange: two ordinary workers with plenty to send; an urgent worker starts a second later
        Worker ordinary1 = new Worker(false, 3_000);
        Worker ordinary2 = new Worker(false, 3_000);
        Worker urgent = new Worker(true, 600);
        urgent.now += 1_000;

        // Act
        run();

        // Assert: in each whole second the urgent worker was busy it got at least the reserve, the ordinary workers
        // together at most the rest; before and after, the ordinary workers had the whole rate
        long first = START / 1000;
        long urgentLast = Math.floorDiv(urgent.now - 1, 1000);
        assertThat(ordinary1.sentIn(first) + ordinary2.sentIn(first)).isEqualTo(RATE);
        for (long second = first + 2; second < urgentLast; second++) {
            assertThat(urgent.sentIn(second)).as("urgent pushes in second %d", second).isGreaterThanOrEqualTo(RESERVE);
            assertThat(ordinary1.sentIn(second) + ordinary2.sentIn(second)).as("ordinary pushes in second %d", second)
                    .isLessThanOrEqualTo(RATE - RESERVE);
        }
        assertThat(urgentLast - first).as("seconds until the urgent post's last push").isLessThanOrEqualTo(7);
        assertThat(ordinary1.sentIn(urgentLast + 2) + ordinary2.sentIn(urgentLast + 2)).isEqualTo(RATE);
    }

    @Test
    void permitsLeftUnusedDoNotBuildUpIntoABurst() {
        Worker worker = new Worker(false, 1);
        run();
        worker.now += 60_000;
        long start = worker.now;
        worker.left = 2 * RATE;

        run();

        assertThat(worker.now - start).isGreaterThanOrEqualTo(1_800L);
    }

    @Test
    void whenTheLedgerCannotBeReachedTheWorkerGoesOnAtItsFallbackPaceAndTriesTheLedgerAgainASecondLater() {
        Worker worker = new Worker(false, 50);
        ledger.unreachable = true;

        run();
        ledger.unreachable = false;
        worker.now += 1_000;
        worker.left = 50;
        run();

        assertThat(fallbackPermits).isEqualTo(50);
        assertThat(ledger.claimedPerSecond().values().stream().mapToInt(Integer::intValue).sum())
                .isGreaterThanOrEqualTo(50);
    }

    @Test
    void eachSlotOfASecondGetsItsShareAndTheSharesAddUpToTheRate() {
        for (int rate : new int[] {1, 7, 250, 299, 9_000, 30_000}) {
            int sum = 0;
            for (int slot = 0; slot < SharedPushRate.SLOTS_PER_SECOND; slot++) {
                sum += SharedPushRate.share(rate, slot);
            }
            assertThat(sum).as("rate %d", rate).isEqualTo(rate);
        }
    }

    /** The ledger's rules as DynamoDbPushRateLedger's conditional updates enforce them. */
    private static final class MemoryLedger implements PushRateLedger {
        private final Map<String, Integer> counts = new HashMap<>();
        private final Set<Long> urgentSeconds = new HashSet<>();
        private final Map<Long, Integer> perSecond = new HashMap<>();
        boolean unreachable;

        @Override
        public boolean claim(Claim claim) {
            if (unreachable) {
                throw new IllegalStateException("connection refused");
            }
            String key = claim.epochSecond() + "#" + claim.slot();
            int count = counts.getOrDefault(key, 0);
            boolean marked = urgentSeconds.contains(claim.epochSecond());
            int cap = claim.urgent() || !marked ? claim.cap() : claim.urgentCap();
            if (count + claim.permits() > cap) {
                return false;
            }
            counts.put(key, count + claim.permits());
            perSecond.merge(claim.epochSecond(), claim.permits(), Integer::sum);
            if (claim.urgent()) {
                urgentSeconds.add(claim.epochSecond());
            }
            return true;
        }

        @Override
        public Slot read(long epochSecond, int slot) {
            return new Slot(counts.getOrDefault(epochSecond + "#" + slot, 0), urgentSeconds.contains(epochSecond));
        }

        @Override
        public void markUrgent(long epochSecond) {
            urgentSeconds.add(epochSecond);
        }

        Map<Long, Integer> claimedPerSecond() {
            return perSecond;
        }
    }
}
