package no.nabolag.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import no.nabolag.core.config.Settings;
import no.nabolag.core.json.Json;
import org.junit.jupiter.api.Test;

/**
 * The handler fed the HTTP API event as Lambda delivers it: {@code events/http-api-event.json} is AWS's sample of an
 * API Gateway HTTP API event, payload format 2.0 (aws-lambda-java-libs, aws-lambda-java-tests), read with the Lambda
 * Java runtime's own serializer. Only answers given before any AWS call are checked: the clients point nowhere.
 */
class PublisherHandlerHttpEventTest {
    private static Settings settings(String adminAuth) {
        Map<String, String> values = new HashMap<>();
        for (String table : new String[] {"CATALOG_TABLE", "ORGANIZATIONS_TABLE", "POSTS_TABLE", "FEED_TABLE",
                "SUBSCRIPTIONS_TABLE"}) {
            values.put(table, "t");
        }
        values.put("FANOUT_QUEUE_URL", "http://127.0.0.1:1/q");
        values.put("AWS_REGION", "eu-north-1");
        values.put("AWS_ACCESS_KEY_ID", "x");
        values.put("AWS_SECRET_ACCESS_KEY", "x");
        values.put("ADMIN_AUTH", adminAuth);
        values.put("NABOLAG_ADMIN_TOKEN", "token");
        return Settings.of(values);
    }

    private static String documentedEvent() {
        try (InputStream in = PublisherHandlerHttpEventTest.class.getResourceAsStream("/events/http-api-event.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documented event sent to another route; headers, cookies and the authorizer context stay as AWS sends them. */
    private static String routedTo(String routeKey, String path, Map<String, String> pathParameters) {
        try {
            String method = routeKey.substring(0, routeKey.indexOf(' '));
            ObjectNode tree = (ObjectNode) Json.readTree(documentedEvent());
            tree.put("routeKey", routeKey).put("rawPath", path);
            tree.set("pathParameters", Json.MAPPER.valueToTree(pathParameters));
            ((ObjectNode) tree.path("requestContext")).put("routeKey", routeKey);
            ((ObjectNode) tree.path("requestContext").path("http")).put("method", method).put("path", path);
            return Json.write(tree);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deserialised as the Lambda Java runtime does. */
    private static APIGatewayV2HTTPEvent asLambdaDelivers(String json) {
        return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                PublisherHandlerHttpEventTest.class.getClassLoader()).fromJson(json);
    }

    @Test
    void aRequestOnNoRouteOfThePublisherIsANotFoundProblem() {
        // Arrange: the documented POST /my/path on $default, which the publisher does not serve
        PublisherHandler handler = new PublisherHandler(settings("bearer"));
        APIGatewayV2HTTPEvent event = asLambdaDelivers(documentedEvent());

        // Act
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // Assert
        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
    }

    @Test
    void inIamModeAJwtAuthorizerContextDoesNotOpenTheAdminApi() {
        // Arrange: the documented request context carries a JWT authorizer, not IAM
        PublisherHandler handler = new PublisherHandler(settings("iam"));
        APIGatewayV2HTTPEvent event = asLambdaDelivers(routedTo("GET /admin/v1/posts", "/admin/v1/posts", Map.of()));

        // Act
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // Assert
        assertThat(event.getRequestContext().getAuthorizer().getJwt().getClaims()).containsKey("claim1");
        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
    }

    @Test
    void aFormLinkThatIsNotASignedTokenGetsAReadablePageWithTheSecurityHeaders() {
        // Arrange
        PublisherHandler handler = new PublisherHandler(settings("bearer"));
        APIGatewayV2HTTPEvent event = asLambdaDelivers(routedTo("GET /p/{linkToken}", "/p/not-a-token",
                Map.of("linkToken", "not-a-token")));

        // Act
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // Assert
        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getHeaders()).containsEntry("content-type", "text/html; charset=utf-8")
                .containsEntry("x-content-type-options", "nosniff")
                .containsKey("content-security-policy");
        assertThat(response.getBody()).startsWith("<!DOCTYPE html>").doesNotContain("Exception");
    }
}
