package no.nabolag.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import no.nabolag.aws.delivery.DynamoDbDeliveryFiguresStore;
import no.nabolag.aws.post.AwsPostPublication;
import no.nabolag.aws.post.DynamoDbPostStore;
import no.nabolag.core.config.Settings;
import no.nabolag.core.delivery.DeliveryPost;
import no.nabolag.core.delivery.DeliveryService;
import no.nabolag.core.delivery.DeliveryTask;
import no.nabolag.core.delivery.FanoutService;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostPublication;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.StateChange;
import no.nabolag.core.subscription.AudienceShard;
import no.nabolag.delivery.DeliveryHandler;
import no.nabolag.local.LocalStack;
import no.nabolag.local.LocalStackConfig;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sns.SnsAsyncClient;

/**
 * Fan-out and delivery benchmark on the local stack (see BENCHMARKS.md, "Fan-out and delivery").
 *
 * <ol>
 *   <li>Starts the stack from a copy of template.yaml with pacing off (PushRatePerSecond 0) and 4 delivery workers
 *   (the local stack's cap), seed and schedules off.</li>
 *   <li>Loads N devices: an SNS endpoint each (CreatePlatformEndpoint) and a subscription item each
 *   (BatchWriteItem), all following the bench district and category.</li>
 *   <li>End to end: publishes one post matching all of them through PostPublication and measures the time from
 *   acceptance to the last push the SNS emulator accepted, pushes/s, and CPU time per thread group: delivery (the
 *   delivery function's SQS poller threads and the SDK's Netty event loops), the SNS emulator's threads, ElasticMQ
 *   and dynalite (a separate process, read from /proc).</li>
 *   <li>Isolated: runs the delivery service itself on the same, pre-loaded shards from bench threads (no SQS, no
 *   fan-out), pacing off, and measures the delivery code's CPU per push alone.</li>
 * </ol>
 * Usage: {@code infrastructure/bench/delivery-bench [--devices N] [--warmup N] [--urgent N] [--urgent-after S]
 * [--paced RATE] [--urgent-rate RATE] [--skip-e2e] [--skip-isolated] [--probe N]}; {@code --urgent N} also loads N
 * devices in a district of their own and accepts an urgent post to them S seconds (default 5) into the measured
 * delivery (the emergency lane), and reports the time from its acceptance to its first and last push.
 * {@code --paced RATE} turns pacing on: PushRatePerSecond RATE, of which UrgentPushRatePerSecond {@code --urgent-rate}
 * (default RATE / 5) is the emergency lane's, so the big post goes at the ordinary lane's paced rate while the urgent
 * one is delivered.
 */
public final class DeliveryBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String CATEGORY = "emergency";

    private final LocalStack stack;
    private final int shards;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    /** How long into the measured delivery the urgent post is accepted. */
    private Duration urgentAfter = Duration.ofSeconds(5);

    private DeliveryBench(LocalStack stack) {
        this.stack = stack;
        this.shards = Integer.parseInt(stack.settingsOf("DeliveryFunction").get("AUDIENCE_SHARDS", "16"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args);
        int devices = Integer.parseInt(options.getOrDefault("devices", "100000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10000"));
        boolean e2e = !options.containsKey("skip-e2e");
        int pushRate = Integer.parseInt(options.getOrDefault("paced", "0"));
        int urgentRate = Integer.parseInt(options.getOrDefault("urgent-rate", Integer.toString(Math.max(1,
                pushRate / 5))));
        Path root = benchRoot(pushRate, urgentRate);
        THREADS.setThreadCpuTimeEnabled(true);
        try (LocalStack stack = LocalStack.start(LocalStackConfig.defaults().withRepoRoot(root).withSeed(false)
                .withSchedules(false).withPort(0))) {
            DeliveryBench bench = new DeliveryBench(stack);
            // Loading registers 100,000 devices at once, as if over weeks: above SNS's CreatePlatformEndpoint rate.
            stack.snsEmulator().createEndpointsPerSecond(Integer.MAX_VALUE);
            if (options.containsKey("probe")) {
                bench.probe(Integer.parseInt(options.get("probe").equals("true") ? "3000" : options.get("probe")));
                return;
            }
            Settings delivery = stack.settingsOf("DeliveryFunction");
            System.out.printf(Locale.ROOT, "cores=%d devices=%d warmup=%d pacing=%s workers=%s urgent workers=%s "
                            + "load average=%s%n",
                    Runtime.getRuntime().availableProcessors(), devices, warmup, pushRate <= 0 ? "off"
                            : "PushRatePerSecond " + delivery.get("PUSH_RATE_PER_SECOND", "?")
                            + ", UrgentPushRatePerSecond " + delivery.get("URGENT_PUSH_RATE_PER_SECOND", "?"),
                    delivery.get("DELIVERY_CONCURRENCY", "?"), delivery.get("URGENT_DELIVERY_CONCURRENCY", "?"),
                    LoadAverage.now());
            String warmDistrict = bench.run + "-warm";
            String district = bench.run + "-bench";
            bench.load(warmDistrict, warmup);
            long loadStart = System.nanoTime();
            bench.load(district, devices);
            System.out.printf(Locale.ROOT, "loaded %d devices (endpoints + subscription items) in %.1f s%n", devices,
                    (System.nanoTime() - loadStart) / 1e9);
            int urgent = Integer.parseInt(options.getOrDefault("urgent", "0"));
            bench.urgentAfter = Duration.ofSeconds(Long.parseLong(options.getOrDefault("urgent-after", "5")));
            String[] urgentEndpoints = urgent > 0 ? bench.load(bench.run + "-urgent", urgent) : new String[0];
            String[] warmUrgentEndpoints = urgent > 0 ? bench.load(bench.run + "-urgent-warm", 20) : new String[0];
            if (e2e) {
                // The warm-up also warms the emergency lane (in AWS its function is SnapStart-restored, not cold).
                bench.endToEnd(warmDistrict, warmup, "warm-up", urgent > 0 ? bench.run + "-urgent-warm" : null,
                        warmUrgentEndpoints);
                stack.partitionMonitor().reset();
                bench.endToEnd(district, devices, "measured", urgent > 0 ? bench.run + "-urgent" : null,
                        urgentEndpoints);
                bench.hotPartitions("end to end, measured");
            }
            if (!options.containsKey("skip-isolated")) {
                bench.isolated(warmDistrict, warmup, "warm-up");
                stack.partitionMonitor().reset();
                bench.isolated(district, devices, "measured");
                bench.hotPartitions("isolated delivery, measured");
            }
        } finally {
            Files.deleteIfExists(root.resolve("template.yaml"));
            Files.deleteIfExists(root.resolve("infrastructure"));
            Files.deleteIfExists(root);
        }
    }


    /**
     * A repository root whose template.yaml allows 4 delivery workers and sets the push rate (0: pacing off) and the
     * emergency lane's share of it.
     */
    private static Path benchRoot(int pushRate, int urgentRate) throws IOException {
        Path real = LocalStackConfig.defaults().repoRoot();
        Path root = Files.createTempDirectory("nabolag-bench");
        Files.createSymbolicLink(root.resolve("infrastructure"), real.resolve("infrastructure"));
        String template = Files.readString(real.resolve("template.yaml"));
        template = template.replaceFirst("(\\n  PushRatePerSecond:\\s*\\n\\s*Type: Number\\s*\\n\\s*Default: )\\d+",
                        "$1" + Math.max(0, pushRate))
                .replaceFirst("(\\n  UrgentPushRatePerSecond:\\s*\\n\\s*Type: Number\\s*\\n\\s*Default: )\\d+",
                        "$1" + Math.max(1, Math.min(urgentRate, pushRate - 1)))
                .replaceFirst("(DeliveryConcurrency:\\s*\\n\\s*Type: Number\\s*\\n\\s*Default: )\\d+", "$14");
        Files.writeString(root.resolve("template.yaml"), template);
        return root;
    }

    // ------------------------------------------------------------------ loading

    private String[] load(String district, int count) throws Exception {
        String fcm = stack.fcmPlatformApplicationArn();
        String apns = stack.apnsPlatformApplicationArn();
        String[] endpoints = new String[count];
        // Endpoints through the async client, 128 in flight: the emulator answers each in milliseconds.
        try (SnsAsyncClient sns = DeliveryHandler.snsClient(stack.settingsOf("DeliveryFunction"), 128)) {
            java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(128);
            List<java.util.concurrent.CompletableFuture<?>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                permits.acquire();
                futures.add(sns.createPlatformEndpoint(r -> r.platformApplicationArn(index % 2 == 0 ? apns : fcm)
                                .token("t-" + district + "-" + index))
                        .whenComplete((response, error) -> {
                            permits.release();
                            if (response != null) {
                                endpoints[index] = response.endpointArn();
                            }
                        }));
            }
            futures.forEach(java.util.concurrent.CompletableFuture::join);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int from = 0; from < count; from += 25) {
                int start = from;
                int end = Math.min(count, from + 25);
                futures.add(pool.submit(() -> {
                    List<WriteRequest> writes = new ArrayList<>();
                    for (int i = start; i < end; i++) {
                        writes.add(WriteRequest.builder().putRequest(PutRequest.builder()
                                .item(subscription(district + "-" + i, district, i % 2 == 0, endpoints[i], i))
                                .build()).build());
                    }
                    batchWrite(writes);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        return endpoints;
    }

    private Map<String, AttributeValue> subscription(String deviceId, String district, boolean ios, String endpoint,
                                                     int i) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("deviceId", AttributeValue.fromS(deviceId));
        item.put("districtId", AttributeValue.fromS(district));
        item.put("tenantId", AttributeValue.fromS("bench"));
        item.put("categories", AttributeValue.fromSs(List.of(CATEGORY)));
        item.put("choices", AttributeValue.fromM(Map.of(district, AttributeValue.fromL(
                List.of(AttributeValue.fromS(CATEGORY))))));
        item.put("audienceShard", AttributeValue.fromS(AudienceShard.key(district, deviceId, shards)));
        item.put("platform", AttributeValue.fromS(ios ? "ios" : "android"));
        item.put("endpointArn", AttributeValue.fromS(endpoint));
        item.put("locale", AttributeValue.fromS(i % 5 == 0 ? "en" : "nb"));
        item.put("timeZone", AttributeValue.fromS("Europe/Oslo"));
        item.put("active", AttributeValue.fromBool(true));
        return item;
    }

    private void batchWrite(List<WriteRequest> batch) {
        List<WriteRequest> pending = batch;
        String table = stack.tableName("SubscriptionsTable");
        while (!pending.isEmpty()) {
            List<WriteRequest> request = pending;
            BatchWriteItemResponse response = stack.dynamoDb().batchWriteItem(r -> r.requestItems(
                    Map.of(table, request)));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems().getOrDefault(table, List.of())
                    : List.of();
        }
    }

    private Post post(String district, PostStatus status) {
        return post(district, status, false);
    }

    /** The benchmark's post: ordinary (the ordinary lane) unless urgent (the emergency lane). */
    private Post post(String district, PostStatus status, boolean urgent) {
        Instant now = Instant.now();
        String postId = run + "p" + Long.toString(System.nanoTime(), 36);
        return new Post(postId, "bench", "bench-org", "Benchmark", List.of(district), List.of(CATEGORY),
                "Vannet stenges i natt", "Vannforsyningen stenges mellom 01 og 05.", "Water off tonight",
                "Water supply is off between 01 and 05.", null, urgent, null, now.plus(Duration.ofDays(1)), now,
                now, status, now, null,
                List.of(new StateChange(status, now, "bench", null)), null);
    }

    // ------------------------------------------------------------------ end to end

    /**
     * @param urgentDistrict when set, an urgent post to that district's devices is accepted 5 s into the delivery,
     *                       and the time from its acceptance to its last push is reported (the emergency lane)
     */
    private void endToEnd(String district, int devices, String label, String urgentDistrict,
                          String[] urgentEndpoints) throws Exception {
        PostPublication publication = AwsPostPublication.from(stack.settingsOf("SchedulerFunction"), stack.dynamoDb(),
                stack.sqs(), Clock.systemUTC());
        long before = stack.snsEmulator().publishCount();
        Snapshot start = Snapshot.take(stack.dynalitePid());
        long t0 = System.nanoTime();
        Post post = post(district, PostStatus.ACCEPTED);
        publication.submit(post);
        long lastChange = t0;
        long seen = before;
        int expected = devices + (urgentDistrict == null ? 0 : urgentEndpoints.length);
        Instant urgentAccepted = null;
        Post urgentPost = null;
        while (seen < before + expected) {
            Thread.sleep(20);
            if (urgentDistrict != null && urgentPost == null && System.nanoTime() - t0 > urgentAfter.toNanos()) {
                urgentPost = post(urgentDistrict, PostStatus.ACCEPTED, true);
                urgentAccepted = Instant.now();
                publication.submit(urgentPost);
            }
            long now = stack.snsEmulator().publishCount();
            if (now != seen) {
                seen = now;
                lastChange = System.nanoTime();
            }
            if (System.nanoTime() - lastChange > Duration.ofSeconds(60).toNanos()) {
                System.out.printf("stalled at %d of %d pushes%n", seen - before, devices);
                break;
            }
        }
        long t1 = lastChange;
        Snapshot end = Snapshot.take(stack.dynalitePid());
        stack.awaitIdle(Duration.ofSeconds(60));
        long pushes = seen - before;
        double seconds = (t1 - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%n[end-to-end %s] %d pushes, acceptance -> last push %.2f s, %.0f pushes/s%n",
                label, pushes, seconds, pushes / seconds);
        report(start, end, pushes);
        if (urgentPost != null) {
            emergencyLane(urgentEndpoints, urgentAccepted);
        }
        var figures = new DynamoDbDeliveryFiguresStore(stack.dynamoDb(), stack.tableName("DeliveryTable"))
                .figures(post.postId());
        System.out.printf(Locale.ROOT, "figures: matched=%d sent=%d failed=%d disabled=%d deferred=%d first=%s last=%s%n",
                figures.matched(), figures.sent(), figures.failed(), figures.disabled(), figures.deferred(),
                figures.firstPushAt(), figures.lastPushAt());
    }

    /**
     * The urgent post's times from acceptance to its first and last push, and the push rates of both lanes meanwhile
     * (the ordinary lane keeps its paced share; together they stay within the quota).
     */
    private void emergencyLane(String[] urgentEndpoints, Instant accepted) {
        java.util.Set<String> targets = java.util.Set.of(urgentEndpoints);
        List<Instant> urgentPushes = new ArrayList<>();
        List<Instant> all = new ArrayList<>();
        for (var push : stack.snsEmulator().pushes()) {
            Instant at = Instant.parse(push.at());
            all.add(at);
            if (targets.contains(push.endpointArn()) && !at.isBefore(accepted)) {
                urgentPushes.add(at);
            }
        }
        if (urgentPushes.isEmpty()) {
            System.out.printf("[emergency lane] no push of the urgent post%n");
            return;
        }
        Instant first = urgentPushes.stream().min(Instant::compareTo).orElseThrow();
        Instant last = urgentPushes.stream().max(Instant::compareTo).orElseThrow();
        long during = all.stream().filter(at -> !at.isBefore(first) && !at.isAfter(last)).count();
        double window = Math.max(1, Duration.between(first, last).toMillis()) / 1000.0;
        System.out.printf(Locale.ROOT, "[emergency lane] urgent post to %d devices (%d pushed) accepted %d s into the "
                        + "delivery: acceptance -> first push %d ms, -> last push %d ms; while it was pushed: urgent "
                        + "%.0f/s, ordinary %.0f/s, together %.0f/s; load average %s%n", urgentEndpoints.length,
                urgentPushes.size(), urgentAfter.toSeconds(), Duration.between(accepted, first).toMillis(),
                Duration.between(accepted, last).toMillis(), urgentPushes.size() / window,
                (during - urgentPushes.size()) / window, during / window, LoadAverage.now());
    }


    // ------------------------------------------------------------------ isolated delivery path

    private void isolated(String district, int devices, String label) throws Exception {
        Settings base = stack.settingsOf("DeliveryFunction");
        Map<String, String> values = new HashMap<>();
        for (String key : List.of("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_SNS", "SUBSCRIPTIONS_TABLE",
                "DEVICES_TABLE", "POSTS_TABLE", "DELIVERY_TABLE", "DELIVERY_QUEUE_URL", "PUSH_CONCURRENCY",
                "AUDIENCE_PAGE_SIZE", "AUDIENCE_SHARDS")) {
            base.find(key).ifPresent(v -> values.put(key, v));
        }
        values.put("PUSH_RATE_PER_SECOND", "0");
        Settings settings = Settings.of(values);
        int workers = 2;
        try (SnsAsyncClient sns = DeliveryHandler.snsClient(settings, Integer.parseInt(settings.get("PUSH_CONCURRENCY",
                "64")))) {
            DeliveryService service = DeliveryHandler.service(settings, Clock.systemUTC(), sns);
            Post post = post(district, PostStatus.PUBLISHED);
            new DynamoDbPostStore(stack.dynamoDb(), stack.tableName("PostsTable")).create(post);
            List<DeliveryTask> tasks = FanoutService.plan(new DeliveryPost(post.postId(), "PUBLISHED",
                    post.districtIds(), post.categoryIds(), post.title(), post.body(), post.titleEn(), post.bodyEn(),
                    true, post.expiresAt()), shards);
            AtomicInteger next = new AtomicInteger();
            long before = stack.snsEmulator().publishCount();
            Snapshot start = Snapshot.take(stack.dynalitePid());
            long t0 = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                Thread thread = new Thread(() -> {
                    for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
                        service.run(tasks.get(i), () -> Long.MAX_VALUE);
                    }
                }, "bench-delivery-" + w);
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            long t1 = System.nanoTime();
            Snapshot end = Snapshot.take(stack.dynalitePid());
            long pushes = stack.snsEmulator().publishCount() - before;
            double seconds = (t1 - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%n[isolated delivery %s] %d workers, %d pushes (%d expected) in %.2f s, "
                    + "%.0f pushes/s%n", label, workers, pushes, devices, seconds, pushes / seconds);
            report(start, end, pushes);
        }
    }

    /**
     * The busiest DynamoDB partition keys of the run just measured, as the functions' clients consumed them (approximate
     * units per second; one partition serves 1,000 write and 3,000 read units per second).
     */
    private void hotPartitions(String label) {
        System.out.printf(Locale.ROOT, "%n[hot partitions, %s] peak units per second per partition key "
                + "(limit 1,000 write / 3,000 read per partition)%n", label);
        for (var peak : stack.partitionMonitor().hottest(5)) {
            System.out.printf(Locale.ROOT, "  %-28s %-40s write %6.0f/s  read %6.0f/s  at %s%n",
                    peak.table() + (peak.index() == null ? "" : "/" + peak.index()), peak.key(),
                    peak.peakWriteUnitsPerSecond(), peak.peakReadUnitsPerSecond(), peak.at());
        }
        System.out.printf(Locale.ROOT, "  warnings: %d%n", stack.partitionMonitor().warnings().size());
    }

    // ------------------------------------------------------------------ probe of the SNS emulator alone

    /** Publish latency and throughput against the SNS emulator, without any delivery code. */
    private void probe(int count) throws Exception {
        String endpoint = stack.sns().createPlatformEndpoint(r -> r.platformApplicationArn(
                stack.fcmPlatformApplicationArn()).token("probe-" + run)).endpointArn();
        String message = "{\"default\":\"x\",\"GCM\":\"{\\\"fcmV1Message\\\":{}}\"}";
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < count / 4; i++) {
                stack.sns().publish(r -> r.targetArn(endpoint).messageStructure("json").message(message));
            }
            double syncSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "sync, 1 thread: %d publishes, %.2f ms each%n", count / 4,
                    syncSeconds * 1000 / (count / 4));
            Settings settings = stack.settingsOf("DeliveryFunction");
            for (int concurrency : new int[] {8, 64}) {
                try (SnsAsyncClient sns = DeliveryHandler.snsClient(settings, concurrency)) {
                    java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(concurrency);
                    long t1 = System.nanoTime();
                    List<java.util.concurrent.CompletableFuture<?>> futures = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        permits.acquire();
                        futures.add(sns.publish(r -> r.targetArn(endpoint).messageStructure("json").message(message))
                                .whenComplete((ok, e) -> permits.release()));
                    }
                    futures.forEach(java.util.concurrent.CompletableFuture::join);
                    double seconds = (System.nanoTime() - t1) / 1e9;
                    System.out.printf(Locale.ROOT, "async, %d in flight: %d publishes in %.2f s, %.0f/s%n",
                            concurrency, count, seconds, count / seconds);
                }
            }
        }
    }

    // ------------------------------------------------------------------ CPU accounting

    private static void report(Snapshot start, Snapshot end, long pushes) {
        Map<String, Long> cpu = new LinkedHashMap<>();
        end.byGroup.forEach((group, nanos) -> cpu.put(group, nanos - start.byGroup.getOrDefault(group, 0L)));
        cpu.put("dynalite (process)", end.dynaliteNanos - start.dynaliteNanos);
        long wall = end.wallNanos - start.wallNanos;
        long process = end.processNanos - start.processNanos;
        System.out.printf(Locale.ROOT, "%-34s %10s %12s %10s%n", "CPU by thread group", "cpu s", "us/push", "cores");
        cpu.forEach((group, nanos) -> System.out.printf(Locale.ROOT, "%-34s %10.2f %12.1f %10.2f%n", group,
                nanos / 1e9, pushes == 0 ? 0 : nanos / 1e3 / pushes, (double) nanos / wall));
        System.out.printf(Locale.ROOT, "%-34s %10.2f %12.1f %10.2f%n", "JVM process total", process / 1e9,
                pushes == 0 ? 0 : process / 1e3 / pushes, (double) process / wall);
        long delivery = cpu.getOrDefault("delivery", 0L);
        if (delivery > 0) {
            System.out.printf(Locale.ROOT, "delivery path: %.0f pushes per CPU-second (per core)%n",
                    pushes / (delivery / 1e9));
        }
    }

    private record Snapshot(Map<String, Long> byGroup, long dynaliteNanos, long processNanos, long wallNanos) {
        static Snapshot take(long dynalitePid) {
            Map<String, Long> groups = new LinkedHashMap<>();
            for (String group : List.of("delivery", "fan-out", "SNS emulator", "SQS (ElasticMQ/Pekko)", "other")) {
                groups.put(group, 0L);
            }
            for (long id : THREADS.getAllThreadIds()) {
                var info = THREADS.getThreadInfo(id);
                long nanos = THREADS.getThreadCpuTime(id);
                if (info == null || nanos < 0) {
                    continue;
                }
                groups.merge(group(info.getThreadName()), nanos, Long::sum);
            }
            long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            return new Snapshot(groups, processCpu(dynalitePid), process, System.nanoTime());
        }

        static String group(String name) {
            if (name.startsWith("sqs-DeliveryFunction") || name.startsWith("aws-java-sdk-NettyEventLoop")
                    || name.startsWith("bench-delivery") || name.startsWith("sdk-async-response")) {
                return "delivery";
            }
            if (name.startsWith("sqs-FanoutFunction")) {
                return "fan-out";
            }
            if (name.startsWith("sns-emulator") || name.startsWith("HTTP-Dispatcher")) {
                return "SNS emulator";
            }
            if (name.contains("pekko") || name.contains("elasticmq") || name.contains("sqs")) {
                return "SQS (ElasticMQ/Pekko)";
            }
            return "other";
        }

        /** utime + stime of a process, from /proc (clock ticks of 10 ms). */
        static long processCpu(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }
}
