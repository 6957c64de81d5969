package no.nabolag.resident;

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
 * Java runtime's own serializer. Only routes that need no AWS call are used: the handler's AWS clients point nowhere.
 */
class ResidentApiHandlerHttpEventTest {
    private final ResidentApiHandler handler = new ResidentApiHandler(settings());

    private static Settings settings() {
        Map<String, String> values = new HashMap<>();
        for (String table : new String[] {"CATALOG_TABLE", "DEVICES_TABLE", "SUBSCRIPTIONS_TABLE", "POSTS_TABLE",
                "FEED_TABLE", "DELIVERY_TABLE"}) {
            values.put(table, "t");
        }
        values.put("ENDPOINT_QUEUE_URL", "http://127.0.0.1:1/queue/endpoints");
        values.put("AWS_REGION", "eu-north-1");
        values.put("AWS_ACCESS_KEY_ID", "x");
        values.put("AWS_SECRET_ACCESS_KEY", "x");
        return Settings.of(values);
    }

    private static String documentedEvent() {
        try (InputStream in = ResidentApiHandlerHttpEventTest.class.getResourceAsStream("/events/http-api-event.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The documented event sent to another route: route key, path, method and path parameters changed, everything
     * else (headers, cookies, query string, request context) as AWS sends it.
     */
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
                ResidentApiHandlerHttpEventTest.class.getClassLoader()).fromJson(json);
    }

    @Test
    void theDocumentedRequestReachesTheDefaultRouteAndIsANotFoundProblem() {
        // Arrange: POST /my/path on the $default route
        APIGatewayV2HTTPEvent event = asLambdaDelivers(documentedEvent());

        // Act
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // Assert
        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json")
                .containsEntry("x-content-type-options", "nosniff");
        assertThat(Json.read(response.getBody(), Map.class)).containsEntry("status", 404)
                .containsEntry("detail", "No route POST /my/path");
    }

    @Test
    void theContractIsServedOnItsRoute() {
        // Arrange
        APIGatewayV2HTTPEvent event = asLambdaDelivers(routedTo("GET /v1/openapi.yaml", "/v1/openapi.yaml", Map.of()));

        // Act
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // Assert
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders().get("content-type")).startsWith("application/yaml");
        assertThat(response.getBody()).startsWith("openapi: 3.1");
        assertThat(response.getIsBase64Encoded()).isFalse();
    }

    @Test
    void aDeviceRouteWithoutTheDevicesSecretIsRefusedBeforeAnyLookUp() {
        // Arrange: the documented event carries no Authorization header
        String deviceId = "0".repeat(32);
        String json = routedTo("GET /v1/devices/{deviceId}/subscriptions", "/v1/devices/" + deviceId + "/subscriptions",
                Map.of("deviceId", deviceId));
        APIGatewayV2HTTPEvent event = asLambdaDelivers(json);

        // Act
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // Assert
        assertThat(event.getPathParameters()).containsEntry("deviceId", deviceId);
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
    }
}
