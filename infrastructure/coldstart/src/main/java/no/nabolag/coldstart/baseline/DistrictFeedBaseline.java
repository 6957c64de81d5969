package no.nabolag.coldstart.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Plain handler for GET /v1/districts/{districtId}/feed: catalog scan, feed query, posts batch get. */
public final class DistrictFeedBaseline implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final DynamoDbClient dynamoDb = Plain.dynamoDb();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String district = event.getPathParameters().get("districtId");
        int catalogItems = 0;
        for (var page : dynamoDb.scanPaginator(r -> r.tableName(Plain.env("CATALOG_TABLE")).consistentRead(true))) {
            catalogItems += page.count();
        }
        var feed = dynamoDb.query(q -> q.tableName(Plain.env("FEED_TABLE")).keyConditionExpression("districtId = :d")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(district))).scanIndexForward(false).limit(20));
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        feed.items().forEach(i -> keys.add(Map.of("postId", i.get("postId"))));
        StringBuilder body = new StringBuilder("{\"catalogItems\":" + catalogItems + ",\"posts\":[");
        if (!keys.isEmpty()) {
            var posts = dynamoDb.batchGetItem(b -> b.requestItems(Map.of(Plain.env("POSTS_TABLE"),
                    KeysAndAttributes.builder().keys(keys).build())));
            posts.responses().values().forEach(items -> items.forEach(p -> body.append("{\"title\":\"")
                    .append(p.get("title").s().replace("\"", "\\\"")).append("\"},")));
        }
        body.append("]}");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", "application/json")).withBody(body.toString()).build();
    }
}
