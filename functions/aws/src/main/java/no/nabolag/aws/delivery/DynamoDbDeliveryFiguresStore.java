package no.nabolag.aws.delivery;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import no.nabolag.aws.dynamo.Attributes;
import no.nabolag.core.delivery.Deferral;
import no.nabolag.core.delivery.DeliveryFiguresStore;
import no.nabolag.core.delivery.Figures;
import no.nabolag.core.post.DeliveryFigures;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link DeliveryFiguresStore} on the Delivery table: {@code FIGURES#<postId>} / part, one UpdateItem per page with
 * ADD on the counters and on the page's minute ({@code minute#<yyyy-MM-ddTHH:mm>}, a top-level number, so one
 * update does it all). Readers query the post's partition and sum (docs/data-model.md, "Delivery figures").
 */
public final class DynamoDbDeliveryFiguresStore implements DeliveryFiguresStore {
    static final String MINUTE_PREFIX = "minute#";
    private static final List<String> COUNTERS = List.of("matched", "sent", "failed", "disabled", "deferred");
    /** Reads of a list page's figures run on a few shared threads (one Query per post). */
    private static final int READERS = 4;
    private static volatile ExecutorService readers;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbDeliveryFiguresStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    static String partition(String postId) {
        return "FIGURES#" + postId;
    }

    @Override
    public void add(String postId, String part, Figures figures, Instant firstPush, Instant lastPush) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder add = new StringBuilder("ADD ");
        long[] counts = {figures.matched(), figures.sent(), figures.failed(), figures.disabled(), figures.deferred()};
        for (int i = 0; i < COUNTERS.size(); i++) {
            // "deferred" is a reserved word in DynamoDB, so every counter goes through a name placeholder.
            names.put("#c" + i, COUNTERS.get(i));
            values.put(":c" + i, Attributes.n(counts[i]));
            add.append(i == 0 ? "" : ", ").append("#c").append(i).append(" :c").append(i);
        }
        StringBuilder set = new StringBuilder(" SET postId = :postId");
        values.put(":postId", AttributeValue.fromS(postId));
        if (lastPush != null && figures.sent() > 0) {
            // A page's sends count in the minute of its last push (pages take seconds).
            names.put("#minute", MINUTE_PREFIX + Deferral.minuteOf(lastPush));
            add.append(", #minute :sent");
            values.put(":sent", Attributes.n(figures.sent()));
        }
        if (firstPush != null) {
            set.append(", firstPushAt = if_not_exists(firstPushAt, :first)");
            values.put(":first", Attributes.s(firstPush));
        }
        if (lastPush != null) {
            // One writer per part (the lease holder), page after page: the last push only moves forward.
            set.append(", lastPushAt = :last");
            values.put(":last", Attributes.s(lastPush));
        }
        dynamoDb.updateItem(u -> u.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(partition(postId)), "sk", AttributeValue.fromS(part)))
                .updateExpression(add.toString() + set)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
    }

    @Override
    public DeliveryFigures figures(String postId) {
        return sum(items(postId));
    }

    @Override
    public Map<String, DeliveryFigures> figures(Collection<String> postIds) {
        Map<String, CompletableFuture<DeliveryFigures>> reads = new LinkedHashMap<>();
        for (String postId : postIds) {
            reads.put(postId, CompletableFuture.supplyAsync(() -> figures(postId), readers()));
        }
        Map<String, DeliveryFigures> result = new LinkedHashMap<>();
        reads.forEach((postId, read) -> result.put(postId, read.join()));
        return result;
    }

    @Override
    public SortedMap<Instant, Long> pushesPerMinute(String postId) {
        SortedMap<Instant, Long> series = new TreeMap<>();
        for (Map<String, AttributeValue> item : items(postId)) {
            item.forEach((name, value) -> {
                if (name.startsWith(MINUTE_PREFIX) && value.n() != null) {
                    Instant minute = LocalDateTime.parse(name.substring(MINUTE_PREFIX.length()))
                            .toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
                    series.merge(minute, Long.parseLong(value.n()), Long::sum);
                }
            });
        }
        series.values().removeIf(count -> count == 0);
        return series;
    }

    private List<Map<String, AttributeValue>> items(String postId) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition(postId))))
                .build();
        return dynamoDb.queryPaginator(query).items().stream().toList();
    }

    static DeliveryFigures sum(List<Map<String, AttributeValue>> items) {
        long[] totals = new long[COUNTERS.size()];
        Instant first = null;
        Instant last = null;
        for (Map<String, AttributeValue> item : items) {
            for (int i = 0; i < COUNTERS.size(); i++) {
                AttributeValue value = item.get(COUNTERS.get(i));
                totals[i] += value == null || value.n() == null ? 0 : Long.parseLong(value.n());
            }
            Instant itemFirst = instant(item.get("firstPushAt"));
            Instant itemLast = instant(item.get("lastPushAt"));
            first = itemFirst != null && (first == null || itemFirst.isBefore(first)) ? itemFirst : first;
            last = itemLast != null && (last == null || itemLast.isAfter(last)) ? itemLast : last;
        }
        return new DeliveryFigures(totals[0], totals[1], totals[2], totals[3], totals[4], first, last);
    }

    private static Instant instant(AttributeValue value) {
        return value == null || value.s() == null ? null : Instant.parse(value.s());
    }

    private static ExecutorService readers() {
        if (readers == null) {
            synchronized (DynamoDbDeliveryFiguresStore.class) {
                if (readers == null) {
                    readers = Executors.newFixedThreadPool(READERS, runnable -> {
                        Thread thread = new Thread(runnable, "figures-reader");
                        thread.setDaemon(true);
                        return thread;
                    });
                }
            }
        }
        return readers;
    }
}
