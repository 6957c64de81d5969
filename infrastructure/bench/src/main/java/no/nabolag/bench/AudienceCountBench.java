package no.nabolag.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.nabolag.aws.audience.DynamoDbAudienceCounter;
import no.nabolag.core.audience.AudienceQuery;
import no.nabolag.core.audience.AudienceSize;
import no.nabolag.core.subscription.AudienceShard;
import no.nabolag.local.LocalStack;
import no.nabolag.local.LocalStackConfig;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * How long the console's audience count takes (see BENCHMARKS.md, "Audience size before sending"): loads N devices'
 * subscription items into one district of the local stack's dynalite (realistic items: three followed districts,
 * quiet hours, an app and an endpoint ARN each), then counts the district's audience with the uncached
 * {@link DynamoDbAudienceCounter} several times and prints the median, items per second, and the average item size
 * by DynamoDB's rules (what decides how many items a 1 MB page holds in real DynamoDB).
 *
 * <p>{@code infrastructure/bench/audience-count-bench [--devices 60000] [--repeats 5]}
 */
public final class AudienceCountBench {
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    public static void main(String[] args) throws Exception {
        int devices = Integer.parseInt(option(args, "devices", "60000"));
        int repeats = Integer.parseInt(option(args, "repeats", "5"));
        try (LocalStack stack = LocalStack.start(LocalStackConfig.defaults().withSeed(false).withSchedules(false)
                .withPort(0))) {
            int shards = Integer.parseInt(stack.settingsOf("ConsoleFunction").get("AUDIENCE_SHARDS",
                    String.valueOf(AudienceShard.DEFAULT_SHARDS)));
            String district = RUN + "-frogner";
            long loadStart = System.nanoTime();
            Map<String, AttributeValue> sample = load(stack, district, devices, shards);
            System.out.printf(Locale.ROOT, "cores=%d devices=%d shards=%d loaded in %.1f s; item %d bytes%n",
                    Runtime.getRuntime().availableProcessors(), devices, shards,
                    (System.nanoTime() - loadStart) / 1e9, itemBytes(sample));
            DynamoDbAudienceCounter counter = new DynamoDbAudienceCounter(stack.dynamoDb(),
                    stack.tableName("SubscriptionsTable"), stack.tableName("CatalogTable"), shards);
            AudienceQuery query = new AudienceQuery(List.of(district), List.of("roads-water"), false);
            counter.count(query); // warm-up: JIT, connections
            double[] seconds = new double[repeats];
            long cpuBefore = processCpuNanos();
            AudienceSize size = null;
            for (int i = 0; i < repeats; i++) {
                long start = System.nanoTime();
                size = counter.count(query);
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
            long cpu = processCpuNanos() - cpuBefore;
            Arrays.sort(seconds);
            double median = seconds[repeats / 2];
            System.out.printf(Locale.ROOT, "counted %d devices (%s); median %.3f s, min %.3f s, max %.3f s; "
                            + "%.0f items/s; process CPU %.1f µs per item read (client + dynalite JVM side only)%n",
                    size.total(), size.segments(), median, seconds[0], seconds[repeats - 1], devices / median,
                    cpu / 1e3 / ((double) devices * repeats));
        }
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--" + name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static Map<String, AttributeValue> load(LocalStack stack, String district, int devices, int shards)
            throws Exception {
        String table = stack.tableName("SubscriptionsTable");
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> writes = new ArrayList<>();
        List<WriteRequest> batch = new ArrayList<>();
        Map<String, AttributeValue> sample = null;
        for (int i = 0; i < devices; i++) {
            Map<String, AttributeValue> item = item(district, RUN + String.format(Locale.ROOT, "%022d", i), i, shards);
            sample = item;
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == 25 || i == devices - 1) {
                List<WriteRequest> request = List.copyOf(batch);
                batch.clear();
                writes.add(writers.submit(() -> write(stack, table, request)));
            }
        }
        for (Future<?> write : writes) {
            write.get();
        }
        writers.shutdown();
        return sample;
    }

    private static void write(LocalStack stack, String table, List<WriteRequest> batch) {
        List<WriteRequest> pending = batch;
        while (!pending.isEmpty()) {
            List<WriteRequest> request = pending;
            BatchWriteItemResponse response = stack.dynamoDb().batchWriteItem(r -> r.requestItems(Map.of(table, request)));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems().getOrDefault(table, List.of())
                    : List.of();
        }
    }

    /** A subscription item as the resident API writes it: this district and two others followed. */
    private static Map<String, AttributeValue> item(String district, String deviceId, int i, int shards) {
        List<AttributeValue> chosen = List.of(AttributeValue.fromS("roads-water"), AttributeValue.fromS("culture-events"),
                AttributeValue.fromS("youth"));
        Map<String, AttributeValue> choices = Map.of(district, AttributeValue.fromL(chosen),
                "sagene", AttributeValue.fromL(chosen.subList(0, 2)), "st-hanshaugen", AttributeValue.fromL(chosen.subList(0, 1)));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("deviceId", AttributeValue.fromS(deviceId));
        item.put("districtId", AttributeValue.fromS(district));
        item.put("tenantId", AttributeValue.fromS("oslo"));
        item.put("appId", AttributeValue.fromS(i % 3 == 0 ? "frogner" : "oslo"));
        item.put("categories", AttributeValue.fromSs(List.of("roads-water", "culture-events", "youth")));
        item.put("choices", AttributeValue.fromM(choices));
        item.put("audienceShard", AttributeValue.fromS(AudienceShard.key(district, deviceId, shards)));
        boolean ios = i % 2 == 0;
        item.put("platform", AttributeValue.fromS(ios ? "ios" : "android"));
        item.put("endpointArn", AttributeValue.fromS("arn:aws:sns:eu-north-1:123456789012:endpoint/"
                + (ios ? "APNS" : "GCM") + "/nabolag-oslo/" + java.util.UUID.nameUUIDFromBytes(deviceId.getBytes())));
        item.put("locale", AttributeValue.fromS(i % 5 == 0 ? "en" : "nb"));
        item.put("timeZone", AttributeValue.fromS("Europe/Oslo"));
        item.put("quietHours", AttributeValue.fromM(Map.of("start", AttributeValue.fromS("22:00"),
                "end", AttributeValue.fromS("07:00"))));
        item.put("active", AttributeValue.fromBool(true));
        return item;
    }

    /** An item's size by DynamoDB's rules: names plus values; containers 3 bytes plus 1 per element. */
    static int itemBytes(Map<String, AttributeValue> item) {
        int bytes = 0;
        for (var entry : item.entrySet()) {
            bytes += utf8(entry.getKey()) + valueBytes(entry.getValue());
        }
        return bytes;
    }

    private static int valueBytes(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.bool() != null) {
            return 1;
        }
        if (value.n() != null) {
            return 1 + (value.n().length() + 1) / 2;
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToInt(AudienceCountBench::utf8).sum();
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToInt(v -> 1 + valueBytes(v)).sum();
        }
        if (value.hasM()) {
            return 3 + value.m().entrySet().stream().mapToInt(e -> 1 + utf8(e.getKey()) + valueBytes(e.getValue())).sum();
        }
        return 0;
    }

    private static int utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
