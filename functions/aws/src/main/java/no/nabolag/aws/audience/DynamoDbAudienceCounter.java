package no.nabolag.aws.audience;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import no.nabolag.core.audience.AudienceCounter;
import no.nabolag.core.audience.AudienceQuery;
import no.nabolag.core.audience.AudienceSize;
import no.nabolag.core.audience.AudienceTally;
import no.nabolag.core.delivery.AudienceMember;
import no.nabolag.core.subscription.AudienceShard;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Counts a draft's audience from the Subscriptions table's {@code audience} index: every shard
 * ({@code <districtId>#<NN>}) of every post district is read in parallel, with a projection of only the attributes
 * the matching rule needs (about 100 bytes an item instead of the whole item, so a 1 MB page holds ~10,000 items).
 * The shard count is the larger of the configured {@code AudienceShards} and the deployment's recorded
 * {@code AUDIENCE/SHARDS maxShards}, so devices written with an earlier, larger count are counted too.
 */
public final class DynamoDbAudienceCounter implements AudienceCounter {
    private static final List<String> PROJECTED = List.of("deviceId", "districtId", "choices", "categories", "active",
            "endpointArn", "platform", "appId");
    /** #a0, #a1, ...: names, so no attribute can collide with a reserved word. */
    private static final Map<String, String> NAMES = names();
    private static final String PROJECTION = String.join(", ", NAMES.keySet());
    private static final int MAX_PARALLEL_READS = 32;

    private final DynamoDbClient dynamoDb;
    private final String subscriptionsTable;
    private final String catalogTable;
    private final int configuredShards;
    private final ExecutorService reads;

    public DynamoDbAudienceCounter(DynamoDbClient dynamoDb, String subscriptionsTable, String catalogTable,
                                   int configuredShards) {
        this.dynamoDb = dynamoDb;
        this.subscriptionsTable = subscriptionsTable;
        this.catalogTable = catalogTable;
        this.configuredShards = configuredShards;
        this.reads = Executors.newFixedThreadPool(MAX_PARALLEL_READS, daemonThreads());
    }

    @Override
    public AudienceSize count(AudienceQuery query) {
        if (query.districtIds().isEmpty() || query.categoryIds().isEmpty()) {
            return AudienceSize.none();
        }
        int shards = shards();
        List<CompletableFuture<AudienceTally>> parts = new ArrayList<>();
        for (String districtId : new HashSet<>(query.districtIds())) {
            for (int shard = 0; shard < shards; shard++) {
                String key = AudienceShard.key(districtId, shard);
                parts.add(CompletableFuture.supplyAsync(() -> countShard(query, key), reads));
            }
        }
        AudienceTally total = new AudienceTally(query);
        for (CompletableFuture<AudienceTally> part : parts) {
            total.add(part.join());
        }
        return total.size();
    }

    /** The number of shards to read: max(AudienceShards, the recorded maxShards). */
    int shards() {
        var item = dynamoDb.getItem(r -> r.tableName(catalogTable)
                .key(Map.of("pk", AttributeValue.fromS("AUDIENCE"), "sk", AttributeValue.fromS("SHARDS")))
                .projectionExpression("maxShards")).item();
        int recorded = Optional.ofNullable(item).map(i -> i.get("maxShards")).map(AttributeValue::n)
                .map(Integer::parseInt).orElse(0);
        return Math.max(configuredShards, recorded);
    }

    private AudienceTally countShard(AudienceQuery query, String audienceShard) {
        AudienceTally tally = new AudienceTally(query);
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(subscriptionsTable)
                    .indexName("audience")
                    .keyConditionExpression("audienceShard = :shard")
                    .expressionAttributeValues(Map.of(":shard", AttributeValue.fromS(audienceShard)))
                    .projectionExpression(PROJECTION)
                    .expressionAttributeNames(NAMES);
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            QueryResponse page = dynamoDb.query(request.build());
            for (Map<String, AttributeValue> item : page.items()) {
                tally.add(member(item), s(item, "appId"));
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return tally;
    }

    static AudienceMember member(Map<String, AttributeValue> item) {
        AttributeValue active = item.get("active");
        AttributeValue categories = item.get("categories");
        Set<String> chosen = categories != null && categories.hasSs() ? new HashSet<>(categories.ss()) : Set.of();
        Map<String, List<String>> choices = new HashMap<>();
        AttributeValue choicesValue = item.get("choices");
        if (choicesValue != null && choicesValue.hasM()) {
            choicesValue.m().forEach((district, list) -> {
                List<String> ids = new ArrayList<>();
                if (list.hasL()) {
                    list.l().forEach(v -> ids.add(v.s()));
                } else if (list.hasSs()) {
                    ids.addAll(list.ss());
                }
                choices.put(district, ids);
            });
        }
        return new AudienceMember(s(item, "deviceId"), s(item, "districtId"), s(item, "platform"),
                s(item, "endpointArn"), null, null, Optional.empty(),
                active == null || active.bool() == null || active.bool(), chosen, choices);
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Map<String, String> names() {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        for (int i = 0; i < PROJECTED.size(); i++) {
            names.put("#a" + i, PROJECTED.get(i));
        }
        return names;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "audience-count-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
