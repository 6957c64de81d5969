package no.nabolag.aws.delivery;

import static no.nabolag.aws.dynamo.Attributes.string;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.nabolag.core.delivery.AudienceMember;
import no.nabolag.core.delivery.AudienceReader;
import no.nabolag.core.device.QuietHours;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Pages through the Subscriptions table's {@code audience} index (audienceShard, deviceId). */
public final class DynamoDbAudienceReader implements AudienceReader {
    public static final String INDEX = "audience";
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbAudienceReader(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Page page(String audienceShard, Map<String, String> startKey, int limit) {
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table)
                .indexName(INDEX)
                .keyConditionExpression("audienceShard = :shard")
                .expressionAttributeValues(Map.of(":shard", AttributeValue.fromS(audienceShard)))
                .limit(limit);
        if (startKey != null && !startKey.isEmpty()) {
            request.exclusiveStartKey(toKey(startKey));
        }
        QueryResponse response = dynamoDb.query(request.build());
        List<AudienceMember> members = new ArrayList<>(response.count());
        for (Map<String, AttributeValue> item : response.items()) {
            members.add(member(item));
        }
        Map<String, String> nextKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? fromKey(response.lastEvaluatedKey()) : null;
        return new Page(members, nextKey);
    }

    static AudienceMember member(Map<String, AttributeValue> item) {
        Optional<QuietHours> quiet = Optional.empty();
        AttributeValue quietHours = item.get("quietHours");
        if (quietHours != null && quietHours.hasM()) {
            quiet = QuietHours.parse(string(quietHours.m(), "start"), string(quietHours.m(), "end"));
        }
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
        return new AudienceMember(string(item, "deviceId"), string(item, "districtId"), string(item, "platform"),
                string(item, "endpointArn"), string(item, "locale"), string(item, "timeZone"), quiet,
                active == null || active.bool() == null || active.bool(), chosen, choices);
    }

    static Map<String, AttributeValue> toKey(Map<String, String> key) {
        Map<String, AttributeValue> result = new LinkedHashMap<>();
        key.forEach((name, value) -> result.put(name, AttributeValue.fromS(value)));
        return result;
    }

    static Map<String, String> fromKey(Map<String, AttributeValue> key) {
        Map<String, String> result = new LinkedHashMap<>();
        key.forEach((name, value) -> result.put(name, value.s()));
        return result;
    }
}
