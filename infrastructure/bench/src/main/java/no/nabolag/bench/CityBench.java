package no.nabolag.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import no.nabolag.aws.delivery.DynamoDbDeliveryFiguresStore;
import no.nabolag.aws.post.AwsPostPublication;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostPublication;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.StateChange;
import no.nabolag.core.subscription.AudienceShard;
import no.nabolag.local.LocalStack;
import no.nabolag.local.LocalStackConfig;
import no.nabolag.local.dynamodb.PartitionMonitor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A city in a benchmark (issue 14 item 5; BENCHMARKS.md, "A city in a benchmark").
 *
 * <ol>
 *   <li>Starts the local stack with delivery paced to a region's SNS Publish quota, optionally time-scaled: the
 *   stack runs at {@code quota / compression} pushes per second ({@code PushRatePerSecond}; the emergency lane's
 *   reserved share {@code UrgentPushRatePerSecond} scaled alike from the template's 100/s), 4 delivery workers (the
 *   local stack's cap), and the SNS emulator refusing Publish calls above that rate with Throttling.</li>
 *   <li>Loads the city straight into the emulators: an SNS endpoint per device created in-process (no HTTP, no
 *   CreatePlatformEndpoint limit; residents register over months, not in one go) and the subscription items with
 *   BatchWriteItem; the mix of districts, categories, phones, languages and quiet hours is {@link CityMix}.</li>
 *   <li>Publishes one city-wide post (all 15 districts, category emergency, which every resident follows at home)
 *   through PostPublication and times acceptance to the last push of the residents who are not in quiet hours.</li>
 *   <li>The 07:00 wave: the residents with quiet hours 22:00-07:00 (30 %) were deferred to 07:00 on their wall clock.
 *   The wall clock cannot be moved, so their time zone is a fixed offset chosen to make 07:00 fall a few minutes
 *   after the post; when that minute has passed, the bench fires the scheduler (as its one-minute rule would) and
 *   times release to the last push.</li>
 *   <li>For each phase: the push rate second by second, and the hottest DynamoDB partition keys by peak write units
 *   per second (the local stack's hot-partition monitor).</li>
 * </ol>
 * Usage: {@code infrastructure/bench/city-bench [--devices 700000] [--quota 9000] [--compression K] [--seed 14]};
 * {@code --model [--worker-max 2000] [--slice 5]} prints the four regions computed instead ({@link CityModel}).
 */
public final class CityBench {
    private static final int WORKERS = 4;
    private static final int TEMPLATE_URGENT_RATE = 100;

    private final LocalStack stack;
    private final int audienceShards;
    private final CityMix mix;

    private CityBench(LocalStack stack, CityMix mix) {
        this.stack = stack;
        this.mix = mix;
        this.audienceShards = Integer.parseInt(stack.settingsOf("DeliveryFunction").get("AUDIENCE_SHARDS", "16"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args);
        int devices = Integer.parseInt(options.getOrDefault("devices", "700000"));
        int quota = Integer.parseInt(options.getOrDefault("quota", "9000"));
        double compression = Double.parseDouble(options.getOrDefault("compression",
                Double.toString(quota / 600.0)));
        long seed = Long.parseLong(options.getOrDefault("seed", "14"));
        if (options.containsKey("model")) {
            // The four regions computed (no stack): --worker-max W (default 2,000/s), --slice S (default 5 s).
            CityModel.print(devices, seed, Double.parseDouble(options.getOrDefault("worker-max", "2000")),
                    Integer.parseInt(options.getOrDefault("slice", "5")));
            return;
        }
        int paced = (int) Math.max(2, Math.round(quota / compression));
        int urgent = (int) Math.max(1, Math.round(TEMPLATE_URGENT_RATE / compression));

        CityMix mix = new CityMix(seed);
        int quietUntilSeven = 0;
        for (int i = 0; i < devices; i++) {
            if (mix.resident(i).quietUntilSeven()) {
                quietUntilSeven++;
            }
        }
        int immediate = devices - quietUntilSeven;
        // 07:00 on the residents' wall clock comes after the load and the immediate pushes (at 60 % of the pace,
        // to be safe), while the 23:00-06:00 sleepers are already awake (under 60 min).
        double loadSeconds = devices * 1.5 / 2_000.0;
        double phaseOneSeconds = immediate / (double) paced;
        Instant wave = Instant.now().plusSeconds((long) (loadSeconds + phaseOneSeconds / 0.6 + 120))
                .truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Duration lead = Duration.between(Instant.now(), wave);
        if (lead.toMinutes() >= 60) {
            throw new IllegalArgumentException("The 07:00 wave would be " + lead.toMinutes() + " min away; use a "
                    + "smaller --devices or a larger --compression (the residents' 23:00-06:00 quiet hours must be over)");
        }
        // A fixed offset whose 07:00 is the wave's minute (whole minutes, so 07:00 local is a UTC minute boundary).
        int offsetSeconds = (int) Duration.between(wave.atOffset(ZoneOffset.UTC).toLocalTime(), LocalTime.of(7, 0))
                .getSeconds();
        offsetSeconds = Math.floorMod(offsetSeconds + 12 * 3600, 24 * 3600) - 12 * 3600;
        String zone = ZoneOffset.ofTotalSeconds(offsetSeconds).getId();

        System.out.printf(Locale.ROOT, "city: %d devices over %d districts, %d (%.1f %%) quiet 22:00-07:00 in zone %s "
                        + "(07:00 there = %s)%n", devices, CityMix.DISTRICTS.size(), quietUntilSeven,
                100.0 * quietUntilSeven / devices, zone, wave);
        System.out.printf(Locale.ROOT, "region quota %d/s, compression %.3f: the stack runs at PushRatePerSecond=%d "
                        + "(UrgentPushRatePerSecond=%d, which the ordinary lane borrows while no urgent post is sent), "
                        + "%d workers; one local second stands for %.3f s in the region%n", quota, compression, paced,
                urgent, WORKERS,
                1 / compression);
        System.out.printf(Locale.ROOT, "machine: %d cores, load average %s%n",
                Runtime.getRuntime().availableProcessors(), LoadAverage.now());

        LocalStackConfig config = LocalStackConfig.defaults().withSeed(false).withSchedules(false).withPort(0)
                .withParameter("PushRatePerSecond", Integer.toString(paced))
                .withParameter("UrgentPushRatePerSecond", Integer.toString(urgent))
                .withParameter("DeliveryConcurrency", Integer.toString(WORKERS));
        try (LocalStack stack = LocalStack.start(config)) {
            stack.snsEmulator().keepPushes(false);
            stack.snsEmulator().publishesPerSecond(paced);
            CityBench bench = new CityBench(stack, mix);
            long loadStart = System.nanoTime();
            long items = bench.load(devices, zone);
            System.out.printf(Locale.ROOT, "loaded %d devices: %d endpoints (in-process) and %d subscription items "
                            + "(%.2f per device) in %.1f s; load average %s%n", devices, devices, items,
                    (double) items / devices, (System.nanoTime() - loadStart) / 1e9, LoadAverage.now());
            bench.run(immediate, quietUntilSeven, wave, quota, compression, paced);
        }
    }


    // ------------------------------------------------------------------ loading

    /** @return the subscription items written */
    private long load(int devices, String zone) throws Exception {
        String apns = stack.apnsPlatformApplicationArn();
        String fcm = stack.fcmPlatformApplicationArn();
        String table = stack.tableName("SubscriptionsTable");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Semaphore queued = new Semaphore(64);
        List<Future<?>> failures = new ArrayList<>();
        long items = 0;
        List<WriteRequest> batch = new ArrayList<>(25);
        long started = System.nanoTime();
        try {
            for (int i = 0; i < devices; i++) {
                CityMix.Resident resident = mix.resident(i);
                String endpoint = stack.snsEmulator().createPlatformEndpoint(resident.ios() ? apns : fcm,
                        "city-" + resident.deviceId());
                for (String district : resident.choices().keySet()) {
                    batch.add(WriteRequest.builder().putRequest(PutRequest.builder()
                            .item(subscription(resident, district, endpoint, zone)).build()).build());
                    items++;
                    if (batch.size() == 25) {
                        submit(pool, queued, table, batch, failures);
                        batch = new ArrayList<>(25);
                    }
                }
                if ((i + 1) % 100_000 == 0) {
                    System.out.printf(Locale.ROOT, "  %d devices loaded, %.0f s%n", i + 1,
                            (System.nanoTime() - started) / 1e9);
                }
            }
            if (!batch.isEmpty()) {
                submit(pool, queued, table, batch, failures);
            }
            pool.shutdown();
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS);
            for (Future<?> future : failures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return items;
    }

    private void submit(ExecutorService pool, Semaphore queued, String table, List<WriteRequest> batch,
                        List<Future<?>> futures) throws InterruptedException {
        queued.acquire();
        futures.add(pool.submit(() -> {
            try {
                List<WriteRequest> pending = batch;
                while (!pending.isEmpty()) {
                    List<WriteRequest> request = pending;
                    BatchWriteItemResponse response = stack.dynamoDb().batchWriteItem(r -> r.requestItems(
                            Map.of(table, request)));
                    pending = response.hasUnprocessedItems()
                            ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
                }
            } finally {
                queued.release();
            }
            return null;
        }));
        if (futures.size() > 1_000) {
            // Keep only unfinished futures (and any failure) so 40,000 batches do not pile up.
            List<Future<?>> kept = new ArrayList<>();
            for (Future<?> future : futures) {
                if (!future.isDone() || isFailed(future)) {
                    kept.add(future);
                }
            }
            futures.clear();
            futures.addAll(kept);
        }
    }

    private static boolean isFailed(Future<?> future) {
        try {
            future.get();
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    /** The subscription item as the subscription writer stores it (docs/data-model.md, SubscriptionsTable). */
    private Map<String, AttributeValue> subscription(CityMix.Resident resident, String district, String endpoint,
                                                     String zone) {
        Map<String, AttributeValue> choices = new HashMap<>();
        resident.choices().forEach((id, categories) -> choices.put(id, AttributeValue.fromL(
                categories.stream().map(AttributeValue::fromS).toList())));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("deviceId", AttributeValue.fromS(resident.deviceId()));
        item.put("districtId", AttributeValue.fromS(district));
        item.put("tenantId", AttributeValue.fromS("oslo"));
        item.put("appId", AttributeValue.fromS("default"));
        item.put("categories", AttributeValue.fromSs(resident.choices().get(district)));
        item.put("choices", AttributeValue.fromM(choices));
        item.put("audienceShard", AttributeValue.fromS(AudienceShard.key(district, resident.deviceId(),
                audienceShards)));
        item.put("platform", AttributeValue.fromS(resident.ios() ? "ios" : "android"));
        item.put("endpointArn", AttributeValue.fromS(endpoint));
        item.put("locale", AttributeValue.fromS(resident.locale()));
        item.put("timeZone", AttributeValue.fromS(zone));
        if (resident.quietHours() != null) {
            item.put("quietHours", AttributeValue.fromM(Map.of("start", AttributeValue.fromS(resident.quietHours()[0]),
                    "end", AttributeValue.fromS(resident.quietHours()[1]))));
        }
        item.put("active", AttributeValue.fromBool(true));
        return item;
    }

    // ------------------------------------------------------------------ the post and the wave

    private void run(int immediate, int deferred, Instant wave, int quota, double compression, int paced)
            throws Exception {
        PostPublication publication = AwsPostPublication.from(stack.settingsOf("SchedulerFunction"), stack.dynamoDb(),
                stack.sqs(), Clock.systemUTC());
        stack.partitionMonitor().reset();
        Post post = post();
        long cpu0 = processCpu();
        long dyn0 = dynaliteCpu(stack.dynalitePid());
        long before = stack.snsEmulator().publishCount();
        long t0 = System.nanoTime();
        publication.submit(post);
        Phase first = await("city-wide post", t0, before, immediate, null);
        long cpu1 = processCpu();
        long dyn1 = dynaliteCpu(stack.dynalitePid());
        awaitIdle();
        report(first, quota, compression, paced, (cpu1 - cpu0) / 1e9, (dyn1 - dyn0) / 1e9);
        no.nabolag.core.post.DeliveryFigures figures = figures(post.postId());
        hotPartitions("city-wide post", compression);
        if (Instant.now().isAfter(wave)) {
            System.out.printf("WARNING: 07:00 (%s) passed before the immediate pushes ended; the wave is smaller%n",
                    wave);
        }

        // The scheduler hands a minute over once it has passed (its run at 07:01 releases 07:00).
        Instant release = wave.plus(1, ChronoUnit.MINUTES).plusMillis(200);
        long wait = Duration.between(Instant.now(), release).toMillis();
        System.out.printf(Locale.ROOT, "%nwaiting %d s for 07:00 (%s) to pass; the scheduler then releases it%n",
                Math.max(0, wait) / 1000, wave);
        if (wait > 0) {
            Thread.sleep(wait);
        }
        stack.partitionMonitor().reset();
        long waveBefore = stack.snsEmulator().publishCount();
        cpu0 = processCpu();
        dyn0 = dynaliteCpu(stack.dynalitePid());
        long t1 = System.nanoTime();
        Instant releasedAt = Instant.now();
        Thread scheduler = new Thread(() -> stack.runSchedule("SchedulerFunction"), "bench-scheduler");
        scheduler.start();
        Phase second = await("07:00 wave", t1, waveBefore, (int) figures.deferred(), scheduler);
        cpu1 = processCpu();
        dyn1 = dynaliteCpu(stack.dynalitePid());
        awaitIdle();
        System.out.printf(Locale.ROOT, "released %.1f s after 07:00 (the scheduler's one-minute lag)%n",
                Duration.between(wave, releasedAt).toMillis() / 1e3);
        report(second, quota, compression, paced, (cpu1 - cpu0) / 1e9, (dyn1 - dyn0) / 1e9);
        if (second.lastPushNanos > 0) {
            double fromSeven = Duration.between(wave, releasedAt).toMillis() / 1e3
                    + (second.lastPushNanos - t1) / 1e9;
            System.out.printf(Locale.ROOT, "07:00 -> last push of the wave: %.1f s local (%.1f s in the region, of "
                    + "which the scheduler's lag is not scaled)%n", fromSeven, (second.lastPushNanos - t1) / 1e9
                    / compression + Duration.between(wave, releasedAt).toMillis() / 1e3);
        }
        figures(post.postId());
        hotPartitions("07:00 wave", compression);
    }

    private Post post() {
        Instant now = Instant.now();
        String postId = "city" + Long.toString(System.nanoTime(), 36);
        return new Post(postId, "oslo", "oslo-kommune", "Oslo kommune", CityMix.districtIds(), List.of("emergency"),
                "Kokevarsel i hele byen", "Kok drikkevannet til videre beskjed.", "Boil water notice for the city",
                "Boil drinking water until further notice.", null, false, null, now.plus(Duration.ofDays(1)), now,
                now, PostStatus.ACCEPTED, now, null, List.of(new StateChange(PostStatus.ACCEPTED, now, "bench", null)),
                null);
    }

    /** What one phase delivered: pushes per local second since its start, and when the last one was seen. */
    private record Phase(String label, long pushes, int expected, long startNanos, long lastPushNanos,
                         List<Long> perSecond) {
        double seconds() {
            return (lastPushNanos - startNanos) / 1e9;
        }
    }

    /** Polls the SNS emulator's count every 20 ms until {@code expected} pushes or 120 s without one. */
    private Phase await(String label, long startNanos, long before, int expected, Thread until) throws Exception {
        List<Long> perSecond = new ArrayList<>();
        long seen = before;
        long lastChange = startNanos;
        long lastPush = 0;
        long lastProgress = System.nanoTime();
        while (seen - before < expected) {
            Thread.sleep(20);
            long now = stack.snsEmulator().publishCount();
            long at = System.nanoTime();
            if (now != seen) {
                seen = now;
                lastChange = at;
                lastPush = at;
            }
            int second = (int) ((at - startNanos) / 1_000_000_000L);
            while (perSecond.size() <= second) {
                perSecond.add(seen - before);
            }
            perSecond.set(second, seen - before);
            if (at - lastProgress > 30_000_000_000L) {
                lastProgress = at;
                System.out.printf(Locale.ROOT, "  %s: %d of %d pushes after %.0f s; load average %s%n", label,
                        seen - before, expected, (at - startNanos) / 1e9, LoadAverage.now());
            }
            if (at - lastChange > Duration.ofSeconds(120).toNanos()) {
                System.out.printf("  %s stalled at %d of %d pushes%n", label, seen - before, expected);
                break;
            }
        }
        if (until != null) {
            until.join();
        }
        List<Long> counts = new ArrayList<>();
        long previous = 0;
        for (long cumulative : perSecond) {
            counts.add(cumulative - previous);
            previous = cumulative;
        }
        return new Phase(label, seen - before, expected, startNanos, lastPush, counts);
    }

    private void report(Phase phase, int quota, double compression, int paced, double jvmCpu,
                        double dynaliteCpu) {
        double ideal = phase.pushes / (double) paced;
        double seconds = phase.seconds();
        List<Long> steady = phase.perSecond.size() > 4 ? phase.perSecond.subList(2, phase.perSecond.size() - 2)
                : phase.perSecond;
        List<Long> sorted = new ArrayList<>(steady);
        sorted.sort(Comparator.naturalOrder());
        long median = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
        System.out.printf(Locale.ROOT, "%n[%s] %d pushes of %d expected; first second %d, median %d/s (paced %d/s, shared "
                        + "by the workers); throttled by the emulator's quota: %d%n", phase.label, phase.pushes,
                phase.expected, phase.perSecond.isEmpty() ? 0 : phase.perSecond.get(0), median, paced,
                stack.snsEmulator().publishesOverQuota());
        System.out.printf(Locale.ROOT, "  time to the last push %.1f s local; ideal (pushes / quota) %.1f s: ratio %.3f, "
                        + "over by %.1f s local%n", seconds, ideal, seconds / ideal, seconds - ideal);
        System.out.printf(Locale.ROOT, "  in the region (quota %d/s, local seconds / %.3f): %.1f s against the ideal "
                + "%.1f s%n", quota, compression, seconds / compression, ideal / compression);
        System.out.printf(Locale.ROOT, "  CPU: stack JVM %.1f s (%.2f cores), dynalite %.1f s (%.2f cores); load "
                        + "average %s%n", jvmCpu, jvmCpu / seconds, dynaliteCpu, dynaliteCpu / seconds,
                LoadAverage.now());
        StringBuilder timeline = new StringBuilder("  pushes per local second:");
        for (int i = 0; i < phase.perSecond.size(); i++) {
            if (i < 5 || i >= phase.perSecond.size() - 5 || i % 30 == 0) {
                timeline.append(' ').append(i).append(':').append(phase.perSecond.get(i));
            } else if (i == 5) {
                timeline.append(" ...");
            }
        }
        System.out.println(timeline);
    }

    private no.nabolag.core.post.DeliveryFigures figures(String postId) {
        var figures = new DynamoDbDeliveryFiguresStore(stack.dynamoDb(), stack.tableName("DeliveryTable"))
                .figures(postId);
        System.out.printf(Locale.ROOT, "  figures: matched=%d sent=%d failed=%d disabled=%d deferred=%d%n",
                figures.matched(), figures.sent(), figures.failed(), figures.disabled(), figures.deferred());
        return figures;
    }

    /** The hottest partition keys of the phase by peak write units per second (and the hottest by reads). */
    private void hotPartitions(String label, double compression) {
        List<PartitionMonitor.Peak> peaks = new ArrayList<>(stack.partitionMonitor().hottest(Integer.MAX_VALUE));
        System.out.printf(Locale.ROOT, "[hot partitions, %s] peak units per local second (x %.2f = per second in the "
                + "region for keys written per page; limit 1,000 write / 3,000 read per partition)%n", label,
                compression);
        peaks.sort(Comparator.comparingDouble(PartitionMonitor.Peak::peakWriteUnitsPerSecond).reversed());
        peaks.stream().limit(5).forEach(peak -> System.out.printf(Locale.ROOT,
                "  write %-26s %-44s %7.0f/s (region %7.0f/s)%n", peak.table() + (peak.index() == null ? ""
                        : "/" + peak.index()), peak.key(), peak.peakWriteUnitsPerSecond(),
                peak.peakWriteUnitsPerSecond() * compression));
        peaks.sort(Comparator.comparingDouble(PartitionMonitor.Peak::peakReadUnitsPerSecond).reversed());
        peaks.stream().limit(3).forEach(peak -> System.out.printf(Locale.ROOT,
                "  read  %-26s %-44s %7.0f/s (region %7.0f/s)%n", peak.table() + (peak.index() == null ? ""
                        : "/" + peak.index()), peak.key(), peak.peakReadUnitsPerSecond(),
                peak.peakReadUnitsPerSecond() * compression));
        System.out.printf(Locale.ROOT, "  hot-partition warnings: %d%n", stack.partitionMonitor().warnings().size());
    }

    private void awaitIdle() {
        try {
            stack.awaitIdle(Duration.ofSeconds(120));
        } catch (IllegalStateException e) {
            System.out.println("  (not idle: " + e.getMessage() + ")");
        }
    }


    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** utime + stime of dynalite's Node process, from /proc (clock ticks of 10 ms). */
    private static long dynaliteCpu(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
