package no.nabolag.coldstart.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Plain handler for GET /p/{linkToken}: signing keys, link and organisation items, the tenant's catalog. */
public final class PublisherFormBaseline implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final DynamoDbClient dynamoDb = Plain.dynamoDb();
    private final SecretsManagerClient secrets = Plain.secrets();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String keys = secrets.getSecretValue(r -> r.secretId(Plain.env("SIGNING_SECRET_ARN"))).secretString();
        String token = event.getPathParameters().get("linkToken");
        String linkId = token.length() > 32 ? token.substring(0, 32) : token;
        String table = Plain.env("ORGANIZATIONS_TABLE");
        var link = dynamoDb.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("LINK#" + linkId), "sk", AttributeValue.fromS("LINK"))));
        var org = dynamoDb.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("ORG#bench"), "sk", AttributeValue.fromS("ORG"))));
        var catalog = dynamoDb.query(q -> q.tableName(Plain.env("CATALOG_TABLE")).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#oslo"))));
        String html = "<!doctype html><html lang=\"nb\"><title>Nytt innlegg</title><form method=\"post\">"
                + "<p>" + catalog.count() + " " + keys.length() + " " + link.hasItem() + org.hasItem() + "</p></form></html>";
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", "text/html; charset=utf-8")).withBody(html).build();
    }
}
