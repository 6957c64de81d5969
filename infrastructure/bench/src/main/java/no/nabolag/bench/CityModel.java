package no.nabolag.bench;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import no.nabolag.core.subscription.AudienceShard;

/**
 * The city benchmark's numbers for the four SNS regions, computed, since 9,000 or 30,000 pushes/s cannot run on this
 * machine ({@code city-bench --model}; BENCHMARKS.md, "A city in a benchmark"). The same rules as the product:
 * <ul>
 *   <li>the workers share the region's quota (SharedPushRate): the busy workers split it evenly, each up to what one
 *   worker can send ({@code --worker-max}, default 2,000/s: 64 pushes in flight at ~30 ms per Publish); with no urgent
 *   post being sent the ordinary lane has the whole quota (it borrows the emergency lane's reserve);</li>
 *   <li>a post's shard tasks (15 districts x 16 audience shards) run in as many chains as workers (task i, i + workers,
 *   ...); the chains' pushes are counted from the city itself;</li>
 *   <li>every task (a chain, or one deferral key of the 07:00 wave with an equal share) goes through the queue in turns
 *   of a time slice, each hand-over costing a worker a little; a task is worked by one worker at a time.</li>
 * </ul>
 */
final class CityModel {
    private static final int AUDIENCE_SHARDS = 16;
    private static final double START_SECONDS = 1.0;
    private static final double HAND_OVER_SECONDS = 0.1;
    private static final double STEP_SECONDS = 0.01;

    private CityModel() {
    }

    /** The region, its quota and the workers the operator guide sizes it with. */
    record Region(String name, int quota, int workers) {
    }

    static final List<Region> REGIONS = List.of(new Region("eu-north-1 and most", 300, 2),
            new Region("eu-central-1", 1_500, 2), new Region("eu-west-1", 9_000, 10),
            new Region("us-east-1", 30_000, 30));

    static void print(int devices, long seed, double workerMax, int sliceSeconds) {
        CityMix mix = new CityMix(seed);
        List<String> districts = CityMix.districtIds();
        long[] pushes = new long[districts.size() * AUDIENCE_SHARDS];
        long deferred = 0;
        for (int i = 0; i < devices; i++) {
            CityMix.Resident resident = mix.resident(i);
            if (resident.quietUntilSeven()) {
                deferred++;
                continue;
            }
            // The post names the districts in catalog order: the first one the device chose emergency in sends.
            for (String district : districts) {
                List<String> chosen = resident.choices().get(district);
                if (chosen != null && chosen.contains("emergency")) {
                    pushes[districts.indexOf(district) * AUDIENCE_SHARDS
                            + AudienceShard.of(resident.deviceId(), AUDIENCE_SHARDS)]++;
                    break;
                }
            }
        }
        long immediate = Arrays.stream(pushes).sum();
        System.out.printf(Locale.ROOT, "model: %d devices, %d immediate pushes, %d deferred to 07:00; the quota shared"
                + " by the workers, at most %.0f/s each; turns of %d s%n", devices, immediate, deferred, workerMax,
                sliceSeconds);
        System.out.println("| region (quota) | workers | city-wide post: ideal / expected | ratio | 07:00 wave: ideal / "
                + "expected (deferral keys) | ratio |");
        for (Region region : REGIONS) {
            double[] chains = chains(pushes, region.workers());
            double post = START_SECONDS + run(chains, region.workers(), region.quota(), workerMax, sliceSeconds);
            double postIdeal = (double) immediate / region.quota();
            int keys = deferralKeys(32, region.workers());
            double[] shares = new double[keys];
            Arrays.fill(shares, deferred / (double) keys);
            double wave = START_SECONDS + run(shares, region.workers(), region.quota(), workerMax, sliceSeconds);
            double waveIdeal = (double) deferred / region.quota();
            System.out.printf(Locale.ROOT, "| %s (%,d/s) | %d | %.1f s / %.1f s (largest chain %,.0f pushes) | %.3f | "
                            + "%.1f s / %.1f s (%d) | %.3f |%n", region.name(), region.quota(), region.workers(),
                    postIdeal, post, Arrays.stream(chains).max().orElse(0), post / postIdeal, waveIdeal, wave, keys,
                    wave / waveIdeal);
        }
    }

    static double[] chains(long[] taskPushes, int chains) {
        double[] chain = new double[chains];
        for (int task = 0; task < taskPushes.length; task++) {
            chain[task % chains] += taskPushes[task];
        }
        return chain;
    }

    /** The product's rule (DeliveryHandler.deferralShards): 3 keys per worker, whole rounds, at most 99. */
    static int deferralKeys(int configured, int workers) {
        int keys = Math.max(configured, 3 * workers);
        keys = (keys + workers - 1) / workers * workers;
        if (keys > 99) {
            keys = 99 / workers * workers;
        }
        return keys == 0 ? 99 : keys;
    }

    /**
     * Seconds until the last push of the tasks (pushes each), in steps of 10 ms: a FIFO queue of turns; the workers
     * working a turn share the quota evenly, each up to {@code workerMax}; a turn ends after the slice or with its
     * task, and hands over (the worker idle and the task back in the queue) for {@link #HAND_OVER_SECONDS}.
     */
    static double run(double[] tasks, int workers, double quota, double workerMax, int sliceSeconds) {
        double[] left = tasks.clone();
        Deque<double[]> queue = new ArrayDeque<>();
        for (int task = 0; task < left.length; task++) {
            if (left[task] > 0) {
                queue.add(new double[] {task, 0});
            }
        }
        int[] working = new int[workers];
        double[] turnEnds = new double[workers];
        double[] freeAt = new double[workers];
        Arrays.fill(working, -1);
        double now = 0;
        double end = 0;
        while (true) {
            for (int w = 0; w < workers; w++) {
                if (working[w] < 0 && freeAt[w] <= now && !queue.isEmpty() && queue.peek()[1] <= now) {
                    working[w] = (int) queue.poll()[0];
                    turnEnds[w] = now + sliceSeconds;
                }
            }
            int busy = (int) Arrays.stream(working).filter(t -> t >= 0).count();
            if (busy == 0 && queue.isEmpty()) {
                return end;
            }
            double each = busy == 0 ? 0 : Math.min(workerMax, quota / busy) * STEP_SECONDS;
            now += STEP_SECONDS;
            for (int w = 0; w < workers; w++) {
                int task = working[w];
                if (task < 0) {
                    continue;
                }
                left[task] -= each;
                if (left[task] <= 1e-9) {
                    end = now;
                    working[w] = -1;
                    freeAt[w] = now + HAND_OVER_SECONDS;
                } else if (now >= turnEnds[w] - 1e-9) {
                    working[w] = -1;
                    freeAt[w] = now + HAND_OVER_SECONDS;
                    queue.add(new double[] {task, now + HAND_OVER_SECONDS});
                }
            }
        }
    }
}
