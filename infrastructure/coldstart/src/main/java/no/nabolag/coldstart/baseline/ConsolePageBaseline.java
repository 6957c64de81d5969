package no.nabolag.coldstart.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Plain handler for a signed-in console page (GET /console/moderation): the signing keys, an HMAC check of the
 * session cookie, the catalog scan and the pending posts from the status index, a page of HTML.
 */
public final class ConsolePageBaseline implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final DynamoDbClient dynamoDb = Plain.dynamoDb();
    private final SecretsManagerClient secrets = Plain.secrets();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String keys = secrets.getSecretValue(r -> r.secretId(Plain.env("SIGNING_SECRET_ARN"))).secretString();
        String cookie = event.getCookies() == null ? "" : String.join("; ", event.getCookies());
        boolean signed;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            signed = Base64.getUrlEncoder().encodeToString(mac.doFinal(cookie.getBytes(StandardCharsets.UTF_8))).length() > 0;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        var catalog = dynamoDb.scan(s -> s.tableName(Plain.env("CATALOG_TABLE")).consistentRead(true));
        var pending = dynamoDb.query(q -> q.tableName(Plain.env("POSTS_TABLE")).indexName("tenantStatus")
                .keyConditionExpression("#tenantStatus = :tenantStatus")
                .expressionAttributeNames(Map.of("#tenantStatus", "tenantStatus"))
                .expressionAttributeValues(Map.of(":tenantStatus", AttributeValue.fromS("oslo#PENDING")))
                .scanIndexForward(false).limit(100));
        String html = "<!doctype html><html lang=\"nb\"><title>Moderering</title><main><p>" + catalog.count() + " "
                + pending.count() + " " + signed + "</p></main></html>";
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", "text/html; charset=utf-8")).withBody(html).build();
    }
}
