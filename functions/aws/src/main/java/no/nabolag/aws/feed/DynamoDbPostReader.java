package no.nabolag.aws.feed;

import static no.nabolag.aws.dynamo.Attributes.string;
import static no.nabolag.aws.dynamo.Attributes.strings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nabolag.aws.BatchRetry;
import no.nabolag.core.feed.FeedPost;
import no.nabolag.core.feed.PostReader;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads PostsTable items as {@link FeedPost}s, projecting only the public attributes (docs/data-model.md).
 * A feed page is one BatchGetItem.
 */
public final class DynamoDbPostReader implements PostReader {
    private static final String PROJECTION = "postId, tenantId, organizationName, districtIds, categoryIds, title, body,"
            + " titleEn, bodyEn, #url, urgent, #status, publishAt, publishedAt, expiresAt";
    private static final Map<String, String> NAMES = Map.of("#url", "url", "#status", "status");
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbPostReader(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<FeedPost> find(String postId) {
        var item = dynamoDb.getItem(r -> r.tableName(table).key(Map.of("postId", AttributeValue.fromS(postId)))
                .projectionExpression(PROJECTION).expressionAttributeNames(NAMES)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Map<String, FeedPost> findAll(Collection<String> postIds) {
        Map<String, FeedPost> result = new HashMap<>();
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(postIds));
        for (int from = 0; from < ids.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + 100)).stream()
                    .map(id -> Map.of("postId", AttributeValue.fromS(id))).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                    .projectionExpression(PROJECTION).expressionAttributeNames(NAMES).build());
            BatchRetry.standard().run("posts to read", request, pending -> {
                var response = dynamoDb.batchGetItem(r -> r.requestItems(pending));
                response.responses().getOrDefault(table, List.of())
                        .forEach(item -> result.put(item.get("postId").s(), fromItem(item)));
                return response.hasUnprocessedKeys() && !response.unprocessedKeys().isEmpty()
                        ? Optional.of(response.unprocessedKeys()) : Optional.empty();
            });
        }
        return result;
    }

    static FeedPost fromItem(Map<String, AttributeValue> item) {
        return new FeedPost(string(item, "postId"), string(item, "tenantId"), string(item, "organizationName"),
                strings(item, "districtIds"), strings(item, "categoryIds"), string(item, "title"), string(item, "body"),
                string(item, "titleEn"), string(item, "bodyEn"), string(item, "url"),
                item.get("urgent") != null && Boolean.TRUE.equals(item.get("urgent").bool()),
                string(item, "status"), time(item, "publishAt"), time(item, "publishedAt"), time(item, "expiresAt"));
    }

    /** Times are stored fixed-width for sorting; residents get them as ISO-8601 in their shortest form. */
    private static String time(Map<String, AttributeValue> item, String name) {
        String stored = string(item, name);
        return stored == null ? null : java.time.Instant.parse(stored).toString();
    }
}
