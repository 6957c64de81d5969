package no.nabolag.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nabolag.core.json.Json;
import org.junit.jupiter.api.Test;

/** Every error the function logs names the invocation (awsRequestId) and carries the stack trace. */
class ErrorLogTest {
    @Test
    void aFailedRequestIsLoggedWithItsStackTraceAndRequestId() {
        // A console without its domain services: any page that needs them fails (a NullPointerException)
        try (TestConsole console = new TestConsole()) {
            String session = console.signIn(List.of("editor-frogner"));
            APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRouteKey("GET /console/posts")
                    .withRawPath("/console/posts").withHeaders(Map.of()).withCookies(List.of(session))
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET")
                                    .withPath("/console/posts").build()).build())
                    .build();

            List<JsonNode> errors = errorLinesOf(() -> assertThat(console.function.handleRequest(event,
                    context("req-console")).getStatusCode()).isEqualTo(500));

            assertEveryErrorNamesTheInvocationAndCarriesItsStackTrace(errors, "req-console");
            assertThat(errors).anySatisfy(line -> assertThat(line.path("errorType").asText())
                    .isEqualTo("java.lang.NullPointerException"));
        }
    }

    /** A Lambda Context that names the invocation. */
    private static Context context(String awsRequestId) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> awsRequestId;
                    case "getRemainingTimeInMillis" -> 60_000;
                    case "getMemoryLimitInMB" -> 1024;
                    default -> null;
                });
    }

    /** The ERROR lines the function logged while the invocation ran. */
    private static List<JsonNode> errorLinesOf(Runnable invocation) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            invocation.run();
        } finally {
            System.setOut(original);
        }
        List<JsonNode> errors = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            try {
                JsonNode node = Json.readTree(line);
                if ("ERROR".equals(node.path("level").asText())) {
                    errors.add(node);
                }
            } catch (IOException e) {
                // not a log line (e.g. an SDK warning)
            }
        }
        return errors;
    }

    private static void assertEveryErrorNamesTheInvocationAndCarriesItsStackTrace(List<JsonNode> errors, String id) {
        assertThat(errors).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("awsRequestId").asText()).isEqualTo(id);
            assertThat(line.path("errorType").asText()).isNotBlank();
            assertThat(line.path("stackTrace").asText()).startsWith(line.path("errorType").asText()).contains("\tat ");
            assertThat(line.path("errorMessage").asText("absent")).isNotEqualTo("null");
        });
    }
}
