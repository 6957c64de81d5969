package no.nabolag.aws.feed;

import static no.nabolag.aws.dynamo.Attributes.string;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nabolag.core.feed.FeedEntry;
import no.nabolag.core.feed.FeedReader;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * FeedTable reads: one descending Query per district (never one per category). Categories and expiry are
 * filtered here rather than with a FilterExpression: DynamoDB charges for every item read either way, and a
 * filter would make a page's Limit count unfiltered items all the same.
 */
public final class DynamoDbFeedReader implements FeedReader {
    /** Pages read per district and request at most, so a rare category in a busy district stays bounded. */
    static final int MAX_PAGES = 4;
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbFeedReader(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Slice read(String districtId, String beforeKey, Set<String> categories, int limit, Instant now) {
        List<FeedEntry> found = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":d", AttributeValue.fromS(districtId));
        String condition = "districtId = :d";
        if (beforeKey != null) {
            condition += " AND feedKey < :before";
            values.put(":before", AttributeValue.fromS(beforeKey));
        }
        // Read a little more than asked when filtering, so one page usually suffices.
        int pageSize = Math.min(100, categories == null ? limit + 1 : limit * 3 + 5);
        Map<String, AttributeValue> start = null;
        String readUpTo = beforeKey;
        for (int page = 0; page < MAX_PAGES; page++) {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table)
                    .keyConditionExpression(condition).expressionAttributeValues(values)
                    .scanIndexForward(false).limit(pageSize);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = dynamoDb.query(request.build());
            List<Map<String, AttributeValue>> items = response.items();
            for (int i = 0; i < items.size(); i++) {
                FeedEntry entry = fromItem(items.get(i));
                readUpTo = entry.feedKey();
                if (entry.visibleAt(now) && entry.inAnyOf(categories)) {
                    found.add(entry);
                    if (found.size() == limit) {
                        // Stop exactly at the limit: every matching entry newer than readUpTo is in found.
                        boolean last = i == items.size() - 1
                                && (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty());
                        return new Slice(found, last, readUpTo);
                    }
                }
            }
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                return new Slice(found, true, readUpTo);
            }
            start = response.lastEvaluatedKey();
        }
        return new Slice(found, false, readUpTo);
    }

    static FeedEntry fromItem(Map<String, AttributeValue> item) {
        AttributeValue categories = item.get("categoryIds");
        List<String> ids = categories == null ? List.of()
                : categories.hasSs() ? categories.ss()
                : categories.hasL() ? categories.l().stream().map(AttributeValue::s).toList() : List.of();
        return new FeedEntry(string(item, "districtId"), string(item, "feedKey"), string(item, "postId"), string(item, "tenantId"),
                Set.copyOf(ids), string(item, "expiresAt"));
    }
}
