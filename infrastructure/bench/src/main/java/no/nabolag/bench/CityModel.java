package no.nabolag.bench;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import no.nabolag.core.subscription.AudienceShard;

/**
 * The city benchmark's numbers for the four SNS regions, computed, since 9,000 or 30,000 pushes/s cannot run on this
 * machine ({@code city-bench --model}; BENCHMARKS.md, "A city in a benchmark"). The same rules as the product:
 * <ul>
 *   <li>the ordinary lane sends the quota less the emergency lane's reserve, split evenly over its workers;</li>
 *   <li>a post's shard tasks (15 districts x 16 audience shards) run in as many chains as workers (task i, i + workers,
 *   ...), so the post ends with its largest chain; the chains' pushes are counted from the city itself;</li>
 *   <li>the 07:00 wave's tasks (one per deferral key, equal shares) go through the queue in turns of a time slice,
 *   each hand-over costing a little; a key is worked by one worker at a time.</li>
 * </ul>
 */
final class CityModel {
    private static final int AUDIENCE_SHARDS = 16;
    private static final double START_SECONDS = 1.0;
    private static final double HAND_OVER_SECONDS = 0.1;

    private CityModel() {
    }

    /** The region, its quota and the workers the operator guide sizes it with. */
    record Region(String name, int quota, int workers) {
    }

    static final List<Region> REGIONS = List.of(new Region("eu-north-1 and most", 300, 2),
            new Region("eu-central-1", 1_500, 2), new Region("eu-west-1", 9_000, 10),
            new Region("us-east-1", 30_000, 30));

    static void print(int devices, long seed, int urgentReserve, int sliceSeconds) {
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
        System.out.printf(Locale.ROOT, "model: %d devices, %d immediate pushes, %d deferred to 07:00; emergency "
                + "reserve %d/s, turns of %d s%n", devices, immediate, deferred, urgentReserve, sliceSeconds);
        System.out.println("| region (quota) | workers | city-wide post: ideal / expected | ratio | 07:00 wave: ideal / "
                + "expected (deferral keys) | ratio |");
        for (Region region : REGIONS) {
            double workerRate = (double) (region.quota() - urgentReserve) / region.workers();
            long largestChain = largestChain(pushes, region.workers());
            double post = START_SECONDS + largestChain / workerRate;
            double postIdeal = (double) immediate / region.quota();
            int keys = deferralKeys(32, region.workers());
            double wave = START_SECONDS + wave(deferred, keys, region.workers(), workerRate, sliceSeconds);
            double waveIdeal = (double) deferred / region.quota();
            System.out.printf(Locale.ROOT, "| %s (%,d/s) | %d | %.1f s / %.1f s (largest chain %,d pushes) | %.3f | "
                            + "%.1f s / %.1f s (%d) | %.3f |%n", region.name(), region.quota(), region.workers(),
                    postIdeal, post, largestChain, post / postIdeal, waveIdeal, wave, keys, wave / waveIdeal);
        }
    }

    static long largestChain(long[] taskPushes, int chains) {
        long[] chain = new long[chains];
        for (int task = 0; task < taskPushes.length; task++) {
            chain[task % chains] += taskPushes[task];
        }
        return Arrays.stream(chain).max().orElse(0);
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

    /** Seconds until the last turn of the wave ends: FIFO queue of turns, each key worked by one worker at a time. */
    static double wave(long deferred, int keys, int workers, double workerRate, int sliceSeconds) {
        double[] left = new double[keys];
        Arrays.fill(left, deferred / (double) keys / workerRate);
        Deque<double[]> queue = new ArrayDeque<>();
        for (int key = 0; key < keys; key++) {
            queue.add(new double[] {key, 0});
        }
        PriorityQueue<Double> free = new PriorityQueue<>();
        for (int w = 0; w < workers; w++) {
            free.add(0.0);
        }
        double end = 0;
        while (!queue.isEmpty()) {
            double[] turn = queue.poll();
            int key = (int) turn[0];
            double start = Math.max(free.poll(), turn[1]);
            double run = Math.min(sliceSeconds, left[key]);
            left[key] -= run;
            double finish = start + run;
            end = Math.max(end, finish);
            if (left[key] > 1e-9) {
                queue.add(new double[] {key, finish + HAND_OVER_SECONDS});
            }
            free.add(finish + HAND_OVER_SECONDS);
        }
        return end;
    }
}
