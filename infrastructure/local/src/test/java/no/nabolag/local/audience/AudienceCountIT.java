package no.nabolag.local.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import no.nabolag.aws.audience.DynamoDbAudienceCounter;
import no.nabolag.core.audience.AudienceQuery;
import no.nabolag.core.audience.AudienceSize;
import no.nabolag.core.subscription.AudienceShard;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The console's audience count on the local stack's DynamoDB (dynalite), through the real SDK: subscription items
 * are written as docs/data-model.md says, and the count is compared with what an oracle in the test computes from
 * the devices' choices alone (not from delivery's matcher).
 */
class AudienceCountIT {
    private static final List<String> CATEGORIES = List.of("youth", "seniors", "roads-water", "culture-events");
    private static final List<String> APPS = List.of("oslo", "frogner", "");
    private static LocalStack stack;

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String frogner = run + "-frogner";
    private final String sagene = run + "-sagene";
    private final String alna = run + "-alna";

    record Device(String deviceId, String appId, String platform, String endpointArn, boolean active,
                  Map<String, List<String>> choices) {
    }

    @BeforeAll
    static void startStack() {
        stack = LocalStack.shared();
    }

    @Test
    void countsEveryDeviceThatWillBePushedOncePerAppAndPlatform() {
        Random random = new Random(run.hashCode());
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            devices.add(randomDevice(random, i));
        }
        devices.forEach(device -> write(device, 16));
        AudienceQuery query = new AudienceQuery(List.of(frogner, sagene), List.of("youth", "roads-water"), false);

        AudienceSize size = counter(catalogTable(null), 16).count(query);

        Map<String, Long> expected = expected(devices, query);
        assertThat(size.total()).isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum())
                .isPositive();
        Map<String, Long> counted = new TreeMap<>();
        size.segments().forEach(s -> counted.put(s.appId() + "/" + s.platform(), s.devices()));
        assertThat(counted).isEqualTo(expected);
        assertThat(expected.keySet()).contains("default/ios", "frogner/android");
    }

    @Test
    void devicesWrittenWithTheLargerShardCountRecordedForTheDeploymentAreCounted() {
        // Written when AudienceShards was 24, now configured 16: the device sits in a shard >= 16.
        String deviceId = deviceIdInShard(20, 24);
        write(new Device(deviceId, "oslo", "ios", "arn:aws:sns:eu-north-1:000000000000:endpoint/APNS/x/" + deviceId,
                true, Map.of(alna, List.of("youth"))), 24);
        AudienceQuery query = new AudienceQuery(List.of(alna), List.of("youth"), false);

        assertThat(counter(catalogTable(24), 16).count(query).total()).isEqualTo(1);
        assertThat(counter(catalogTable(null), 16).count(query).total()).isZero();
    }

    @Test
    void aDraftWithoutDistrictsOrCategoriesHasNoAudience() {
        var counter = counter(catalogTable(null), 16);

        assertThat(counter.count(new AudienceQuery(List.of(), List.of("youth"), false))).isEqualTo(AudienceSize.none());
        assertThat(counter.count(new AudienceQuery(List.of(frogner), List.of(), false))).isEqualTo(AudienceSize.none());
    }

    // ------------------------------------------------------------------ the oracle

    /** "app/platform" -> devices: active, with an endpoint, choosing a post category in at least one post district. */
    private static Map<String, Long> expected(List<Device> devices, AudienceQuery query) {
        Map<String, Long> expected = new TreeMap<>();
        for (Device device : devices) {
            boolean matches = query.districtIds().stream().anyMatch(district ->
                    device.choices().getOrDefault(district, List.of()).stream().anyMatch(query.categoryIds()::contains));
            if (matches && device.active() && device.endpointArn() != null) {
                String app = device.appId().isEmpty() ? "default" : device.appId();
                expected.merge(app + "/" + device.platform(), 1L, Long::sum);
            }
        }
        return expected;
    }

    // ------------------------------------------------------------------ test data

    private Device randomDevice(Random random, int i) {
        String deviceId = run + "d" + i;
        Map<String, List<String>> choices = new HashMap<>();
        for (String district : List.of(frogner, sagene, alna)) {
            if (random.nextInt(3) > 0) {
                List<String> chosen = CATEGORIES.stream().filter(c -> random.nextInt(3) == 0).toList();
                choices.put(district, chosen.isEmpty() ? List.of(CATEGORIES.get(random.nextInt(CATEGORIES.size())))
                        : chosen);
            }
        }
        if (choices.isEmpty()) {
            choices.put(frogner, List.of("youth"));
        }
        String platform = random.nextBoolean() ? "ios" : "android";
        // Every twelfth device is still waiting for its endpoint, every tenth has a disabled one.
        String endpointArn = i % 12 == 5 ? null : "arn:aws:sns:eu-north-1:000000000000:endpoint/x/" + deviceId;
        // The first devices pin the segments the assertions name; the rest are random.
        String app = i == 0 ? "" : i == 1 ? "frogner" : APPS.get(random.nextInt(APPS.size()));
        platform = i == 0 ? "ios" : i == 1 ? "android" : platform;
        if (i < 2) {
            choices.put(frogner, List.of("youth"));
        }
        return new Device(deviceId, app, platform, endpointArn, i % 10 != 3, choices);
    }

    private String deviceIdInShard(int shard, int shards) {
        for (int i = 0; ; i++) {
            String id = run + "s" + i;
            if (AudienceShard.of(id, shards) == shard) {
                return id;
            }
        }
    }

    /** One item per followed district, as the subscription writer stores them. */
    private void write(Device device, int shards) {
        Map<String, AttributeValue> choices = new HashMap<>();
        device.choices().forEach((district, categories) -> choices.put(district,
                AttributeValue.fromL(categories.stream().map(AttributeValue::fromS).toList())));
        List<WriteRequest> writes = new ArrayList<>();
        device.choices().forEach((district, categories) -> {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("deviceId", AttributeValue.fromS(device.deviceId()));
            item.put("districtId", AttributeValue.fromS(district));
            item.put("tenantId", AttributeValue.fromS("oslo"));
            item.put("categories", AttributeValue.fromSs(categories));
            item.put("choices", AttributeValue.fromM(choices));
            item.put("audienceShard", AttributeValue.fromS(AudienceShard.key(district, device.deviceId(), shards)));
            item.put("platform", AttributeValue.fromS(device.platform()));
            if (!device.appId().isEmpty()) {
                item.put("appId", AttributeValue.fromS(device.appId()));
            }
            if (device.endpointArn() != null) {
                item.put("endpointArn", AttributeValue.fromS(device.endpointArn()));
            }
            item.put("locale", AttributeValue.fromS("nb"));
            item.put("timeZone", AttributeValue.fromS("Europe/Oslo"));
            item.put("active", AttributeValue.fromBool(device.active()));
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        });
        var response = stack.dynamoDb().batchWriteItem(r -> r.requestItems(
                Map.of(stack.tableName("SubscriptionsTable"), writes)));
        assertThat(response.unprocessedItems()).isEmpty();
    }

    private DynamoDbAudienceCounter counter(String catalogTable, int configuredShards) {
        return new DynamoDbAudienceCounter(stack.dynamoDb(), stack.tableName("SubscriptionsTable"), catalogTable,
                configuredShards);
    }

    /**
     * A catalog table of this test's own (pk, sk as CatalogTable), holding {@code AUDIENCE/SHARDS maxShards} when
     * given: the deployment-wide record is not changed under the other tests sharing the stack.
     */
    private String catalogTable(Integer maxShards) {
        String table = "audience-it-" + run + "-" + (maxShards == null ? "none" : maxShards);
        var tables = stack.dynamoDb().listTables().tableNames();
        if (!tables.contains(table)) {
            stack.dynamoDb().createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
                            k -> k.attributeName("sk").keyType(KeyType.RANGE)));
            stack.dynamoDb().waiter().waitUntilTableExists(r -> r.tableName(table));
        }
        if (maxShards != null) {
            stack.dynamoDb().putItem(r -> r.tableName(table).item(Map.of("pk", AttributeValue.fromS("AUDIENCE"),
                    "sk", AttributeValue.fromS("SHARDS"), "maxShards", AttributeValue.fromN(maxShards.toString()))));
        }
        return table;
    }
}
