package no.nabolag.aws.post;

import static no.nabolag.aws.dynamo.Attributes.n;
import static no.nabolag.aws.dynamo.Attributes.s;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import no.nabolag.aws.dynamo.Attributes;
import no.nabolag.core.post.FeedStore;
import no.nabolag.core.post.Post;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** FeedStore on DynamoDB: one item per (district, post). A post names a handful of districts, so plain puts do. */
public final class DynamoDbFeedStore implements FeedStore {
    /** TTL only cleans up; the feed query filters expired entries itself (TTL deletion lags by up to days). */
    private static final Duration CLEAN_UP_AFTER_EXPIRY = Duration.ofDays(30);
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbFeedStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void addEntries(Post post) {
        if (post.publishedAt() == null) {
            throw new IllegalArgumentException("Post " + post.postId() + " has no publishedAt");
        }
        for (String districtId : post.districtIds()) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("districtId", s(districtId));
            item.put("feedKey", s(FeedStore.feedKey(post)));
            item.put("postId", s(post.postId()));
            item.put("tenantId", s(post.tenantId()));
            item.put("categoryIds", Attributes.stringSet(post.categoryIds()));
            if (post.expiresAt() != null) {
                item.put("expiresAt", s(post.expiresAt()));
                item.put("ttl", n(post.expiresAt().plus(CLEAN_UP_AFTER_EXPIRY).getEpochSecond()));
            }
            dynamoDb.putItem(r -> r.tableName(table).item(item));
        }
    }

    @Override
    public void removeEntries(Post post) {
        if (post.publishedAt() == null) {
            return;
        }
        for (String districtId : post.districtIds()) {
            dynamoDb.deleteItem(r -> r.tableName(table)
                    .key(Map.of("districtId", s(districtId), "feedKey", s(FeedStore.feedKey(post)))));
        }
    }
}
