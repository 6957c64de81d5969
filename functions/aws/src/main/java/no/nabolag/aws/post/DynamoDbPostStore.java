package no.nabolag.aws.post;

import static no.nabolag.aws.dynamo.Attributes.s;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostPage;
import no.nabolag.core.post.PostPosition;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.PostStore;
import no.nabolag.core.post.StateChange;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** PostStore on DynamoDB: single-item conditional writes only (no transactions; see ARCHITECTURE.md). */
public final class DynamoDbPostStore implements PostStore {
    /** M of minute (ISO instant, UTC, whole minute) to pushes sent in it: the console's chart of pushes over time. */
    static final String PUSHES_PER_MINUTE = "pushesPerMinute";
    /** GSI (tenantStatus = "<tenantId>#<status>", statusAt): one tenant's posts in one state, by status time. */
    public static final String TENANT_STATUS_INDEX = "tenantStatus";
    /** The fingerprint of the form fields that made the post (FormSubmissions); absent on posts no form made. */
    static final String FORM_FINGERPRINT = "formFingerprint";
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbPostStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void create(Post post) {
        dynamoDb.putItem(r -> r.tableName(table).item(PostItems.toItem(post))
                .conditionExpression("attribute_not_exists(postId)"));
    }

    @Override
    public void create(Post post, String formFingerprint) {
        Map<String, AttributeValue> item = new HashMap<>(PostItems.toItem(post));
        item.put(FORM_FINGERPRINT, s(formFingerprint));
        dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(postId)"));
    }

    @Override
    public Optional<Post> find(String postId) {
        return findSubmitted(postId).map(Submitted::post);
    }

    @Override
    public Optional<Submitted> findSubmitted(String postId) {
        var item = dynamoDb.getItem(r -> r.tableName(table).key(Map.of("postId", s(postId))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue fingerprint = item.get(FORM_FINGERPRINT);
        return Optional.of(new Submitted(PostItems.fromItem(item), fingerprint == null ? null : fingerprint.s()));
    }

    @Override
    public Optional<Post> transition(Post post, Set<PostStatus> expected, StateChange change, Transition extra) {
        Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#statusAt", "statusAt",
                "#history", "history", "#tenantStatus", PostItems.TENANT_STATUS, "#tenantId", "tenantId"));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":to", s(change.status().name()));
        values.put(":tenantStatus", s(PostItems.tenantStatus(post.tenantId(), change.status())));
        values.put(":tenant", s(post.tenantId()));
        values.put(":at", s(extra.statusAt() != null ? extra.statusAt() : change.at()));
        values.put(":change", AttributeValue.fromL(List.of(PostItems.historyEntry(change))));
        values.put(":empty", AttributeValue.fromL(List.of()));
        // The tenant's list key moves with the state, in the same conditional write.
        StringBuilder update = new StringBuilder("SET #status = :to, #tenantStatus = :tenantStatus, #statusAt = :at, "
                + "#history = list_append(if_not_exists(#history, :empty), :change)");
        if (extra.publishedAt() != null) {
            update.append(", publishedAt = :publishedAt");
            values.put(":publishedAt", s(extra.publishedAt()));
        }
        if (extra.reason() != null) {
            update.append(", reason = :reason");
            values.put(":reason", s(extra.reason()));
        }
        List<String> allowed = new ArrayList<>();
        int i = 0;
        for (PostStatus status : expected) {
            values.put(":from" + i, s(status.name()));
            allowed.add(":from" + i++);
        }
        String condition = "attribute_exists(postId) AND #tenantId = :tenant AND #status IN ("
                + String.join(", ", allowed) + ")";
        try {
            var response = dynamoDb.updateItem(r -> r.tableName(table).key(Map.of("postId", s(post.postId())))
                    .updateExpression(update.toString()).conditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW));
            return Optional.of(PostItems.fromItem(response.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<Post> listByStatus(String tenantId, PostStatus status, Instant until, int limit) {
        List<Post> posts = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> exclusiveStart = startKey;
            QueryResponse page = dynamoDb.query(QueryRequest.builder().tableName(table).indexName(TENANT_STATUS_INDEX)
                    .keyConditionExpression("#tenantStatus = :tenantStatus AND #statusAt <= :until")
                    .expressionAttributeNames(Map.of("#tenantStatus", PostItems.TENANT_STATUS, "#statusAt", "statusAt"))
                    .expressionAttributeValues(Map.of(":tenantStatus", s(PostItems.tenantStatus(tenantId, status)),
                            ":until", s(until)))
                    .limit(Math.min(limit - posts.size(), 100))
                    .exclusiveStartKey(exclusiveStart)
                    .build());
            page.items().forEach(item -> posts.add(PostItems.fromItem(item)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null && posts.size() < limit);
        return posts;
    }

    @Override
    public PostPage listNewestFirst(String tenantId, PostStatus status, int limit, PostPosition after) {
        String tenantStatus = PostItems.tenantStatus(tenantId, status);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> startKey = after == null ? null : Map.of("postId", s(after.postId()),
                PostItems.TENANT_STATUS, s(tenantStatus), "statusAt", s(after.statusAt()));
        // One item more than the page: it tells whether a next page exists, so the last page has no cursor.
        do {
            Map<String, AttributeValue> exclusiveStart = startKey;
            QueryResponse page = dynamoDb.query(QueryRequest.builder().tableName(table).indexName(TENANT_STATUS_INDEX)
                    .keyConditionExpression("#tenantStatus = :tenantStatus")
                    .expressionAttributeNames(Map.of("#tenantStatus", PostItems.TENANT_STATUS))
                    .expressionAttributeValues(Map.of(":tenantStatus", s(tenantStatus)))
                    .scanIndexForward(false)
                    .limit(limit + 1 - items.size())
                    .exclusiveStartKey(exclusiveStart)
                    .build());
            items.addAll(page.items());
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null && items.size() <= limit);
        List<Post> posts = items.stream().limit(limit).map(PostItems::fromItem).toList();
        Optional<PostPosition> next = items.size() > limit
                ? Optional.of(new PostPosition(items.get(limit - 1).get("statusAt").s(), items.get(limit - 1).get("postId").s()))
                : Optional.empty();
        return new PostPage(posts, next);
    }

    @Override
    public void addFigures(String postId, FigureDelta delta) {
        if (delta.isEmpty()) {
            return;
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":matched", no.nabolag.aws.dynamo.Attributes.n(delta.matched()));
        values.put(":sent", no.nabolag.aws.dynamo.Attributes.n(delta.sent()));
        values.put(":failed", no.nabolag.aws.dynamo.Attributes.n(delta.failed()));
        values.put(":disabled", no.nabolag.aws.dynamo.Attributes.n(delta.disabled()));
        values.put(":deferred", no.nabolag.aws.dynamo.Attributes.n(delta.deferred()));
        // "deferred" is a DynamoDB reserved word, so every counter goes through a name placeholder.
        StringBuilder update = new StringBuilder("ADD #matched :matched, #sent :sent, #failed :failed, "
                + "#disabled :disabled, #deferred :deferred");
        Map<String, String> names = Map.of("#matched", "matched", "#sent", "sent", "#failed", "failed",
                "#disabled", "disabled", "#deferred", "deferred");
        List<String> sets = new ArrayList<>();
        if (delta.firstPushAt() != null) {
            sets.add("firstPushAt = if_not_exists(firstPushAt, :first)");
            values.put(":first", s(delta.firstPushAt()));
        }
        boolean perMinute = delta.sent() > 0 && delta.lastPushAt() != null;
        if (perMinute) {
            sets.add(PUSHES_PER_MINUTE + " = if_not_exists(" + PUSHES_PER_MINUTE + ", :noMinutes)");
            values.put(":noMinutes", AttributeValue.fromM(Map.of()));
        }
        if (!sets.isEmpty()) {
            update.append(" SET ").append(String.join(", ", sets));
        }
        dynamoDb.updateItem(r -> r.tableName(table).key(Map.of("postId", s(postId)))
                .updateExpression(update.toString()).expressionAttributeNames(names)
                .expressionAttributeValues(values));
        if (perMinute) {
            // The console's "pushes over time": a page's sends count in the minute of its last push (pages take seconds).
            String minute = delta.lastPushAt().truncatedTo(ChronoUnit.MINUTES).toString();
            dynamoDb.updateItem(r -> r.tableName(table).key(Map.of("postId", s(postId)))
                    .updateExpression("SET #ppm.#minute = if_not_exists(#ppm.#minute, :zero) + :sent")
                    .expressionAttributeNames(Map.of("#ppm", PUSHES_PER_MINUTE, "#minute", minute))
                    .expressionAttributeValues(Map.of(":zero", no.nabolag.aws.dynamo.Attributes.n(0),
                            ":sent", no.nabolag.aws.dynamo.Attributes.n(delta.sent()))));
        }
        if (delta.lastPushAt() != null) {
            moveOutwards(postId, "firstPushAt", ">", delta.firstPushAt());
            moveOutwards(postId, "lastPushAt", "<", delta.lastPushAt());
        }
    }

    @Override
    public SortedMap<Instant, Long> pushesPerMinute(String postId) {
        var item = dynamoDb.getItem(r -> r.tableName(table).key(Map.of("postId", s(postId)))
                .projectionExpression("#ppm").expressionAttributeNames(Map.of("#ppm", PUSHES_PER_MINUTE))).item();
        SortedMap<Instant, Long> series = new TreeMap<>();
        if (item != null && item.containsKey(PUSHES_PER_MINUTE) && item.get(PUSHES_PER_MINUTE).hasM()) {
            item.get(PUSHES_PER_MINUTE).m().forEach((minute, count) -> {
                try {
                    series.put(Instant.parse(minute.length() == 16 ? minute + ":00Z" : minute), Long.parseLong(count.n()));
                } catch (RuntimeException ignored) {
                    // an unreadable entry is left out of the chart
                }
            });
        }
        return series;
    }

    /** Sets a push time only if it widens the range (earlier first push, later last push). */
    private void moveOutwards(String postId, String attribute, String comparison, Instant value) {
        if (value == null) {
            return;
        }
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(Map.of("postId", s(postId)))
                    .updateExpression("SET #a = :v")
                    .conditionExpression("attribute_not_exists(#a) OR #a " + comparison + " :v")
                    .expressionAttributeNames(Map.of("#a", attribute))
                    .expressionAttributeValues(Map.of(":v", s(value))));
        } catch (ConditionalCheckFailedException e) {
            // Another page already recorded a wider range.
        }
    }
}
