package no.nabolag.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import no.nabolag.core.json.Json;
import no.nabolag.local.LocalStack;
import no.nabolag.local.LocalStackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The SAM-like wiring, on a stack started from a small test template (src/test/resources/stack/wiring-template.yaml)
 * whose handlers are test classes: HTTP API events, SQS event sources with partial failures and redrive, schedules.
 */
class FunctionWiringIT {
    private static LocalStack stack;
    private static Path root;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        Path realRoot = LocalStackConfig.defaults().repoRoot();
        root = Files.createTempDirectory("nabolag-wiring");
        Files.createSymbolicLink(root.resolve("infrastructure"), realRoot.resolve("infrastructure"));
        try (InputStream in = FunctionWiringIT.class.getResourceAsStream("/stack/wiring-template.yaml")) {
            Files.write(root.resolve("template.yaml"), in.readAllBytes());
        }
        stack = LocalStack.start(LocalStackConfig.defaults().withRepoRoot(root).withSeed(false).withPort(0));
    }

    @AfterAll
    static void stop() throws IOException {
        if (stack != null) {
            stack.close();
        }
        Files.deleteIfExists(root.resolve("template.yaml"));
        Files.deleteIfExists(root.resolve("infrastructure"));
        Files.deleteIfExists(root);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI url(String pathAndQuery) {
        return URI.create(stack.baseUrl() + pathAndQuery);
    }

    @Test
    void anHttpRequestBecomesAnApiGatewayV2Event() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/items/abc%20d?x=1&x=2&y=z%C3%B8"))
                .header("X-Custom", "Value").header("Cookie", "a=1; b=2"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-echo")).hasValue("yes");
        assertThat(response.headers().allValues("set-cookie")).contains("seen=1; Path=/");
        JsonNode echo = Json.readTree(response.body());
        assertThat(echo.path("version").asText()).isEqualTo("2.0");
        assertThat(echo.path("routeKey").asText()).isEqualTo("GET /items/{itemId}");
        assertThat(echo.path("rawPath").asText()).isEqualTo("/items/abc%20d");
        assertThat(echo.path("rawQueryString").asText()).isEqualTo("x=1&x=2&y=z%C3%B8");
        assertThat(echo.path("pathParameters").path("itemId").asText()).isEqualTo("abc d");
        assertThat(echo.path("queryStringParameters").path("x").asText()).isEqualTo("1,2");
        assertThat(echo.path("queryStringParameters").path("y").asText()).isEqualTo("zø");
        assertThat(echo.path("cookies").toString()).isEqualTo("[\"a=1\",\"b=2\"]");
        assertThat(echo.path("headers").path("x-custom").asText()).isEqualTo("Value");
        assertThat(echo.path("headers").has("cookie")).isFalse();
        assertThat(echo.path("method").asText()).isEqualTo("GET");
        assertThat(echo.path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(echo.path("functionName").asText()).isEqualTo("EchoFunction");
        assertThat(echo.path("remainingMillis").asInt()).isBetween(1, 5000);
    }

    @Test
    void functionSettingsComeFromTheTemplateWithLocalValues() throws Exception {
        JsonNode settings = Json.readTree(send(HttpRequest.newBuilder(url("/items/1"))).body()).path("settings");

        assertThat(settings.path("GREETING").asText()).isEqualTo("hei-eu-north-1");
        assertThat(settings.path("ITEMS_TABLE").asText()).isEqualTo(stack.tableName("ItemsTable"));
        assertThat(settings.path("QUEUE_URL").asText()).isEqualTo(stack.queueUrl("WorkQueue"));
        assertThat(settings.path("QUEUE_NAME").asText()).isEqualTo("WorkQueue");
        assertThat(settings.path("MODE").asText()).isEqualTo("local");
        assertThat(settings.path("JOINED").asText()).isEqualTo("a,hei");
        assertThat(stack.settingsOf("WorkerFunction").require("AWS_ENDPOINT_URL_SQS")).startsWith("http://127.0.0.1:");
        assertThat(stack.settingsOf("WorkerFunction").find("ADMIN_AUTH")).as("only the template's variables").isEmpty();
        assertThat(stack.settingsOf("WorkerFunction").require("ITEMS_TABLE")).isEqualTo("ItemsTable");
    }

    @Test
    void routesMatchLikeApiGateway() throws Exception {
        JsonNode literal = Json.readTree(send(HttpRequest.newBuilder(url("/items/special"))).body());
        JsonNode greedy = Json.readTree(send(HttpRequest.newBuilder(url("/files/a/b/c.txt"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody())).body());
        HttpResponse<String> noRoute = send(HttpRequest.newBuilder(url("/nowhere")));
        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(url("/items/1"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(literal.path("routeKey").asText()).isEqualTo("GET /items/special");
        assertThat(greedy.path("routeKey").asText()).isEqualTo("ANY /files/{proxy+}");
        assertThat(greedy.path("pathParameters").path("proxy").asText()).isEqualTo("a/b/c.txt");
        assertThat(noRoute.statusCode()).isEqualTo(404);
        assertThat(noRoute.body()).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(wrongMethod.statusCode()).isEqualTo(404);
    }

    @Test
    void largeBodiesStillReachTheFunction() throws Exception {
        String body = "{\"text\":\"" + "x".repeat(70 * 1024) + "\"}";

        JsonNode echo = Json.readTree(send(HttpRequest.newBuilder(url("/items"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))).body());

        assertThat(echo.path("bodyLength").asInt()).isEqualTo(body.length());
        assertThat(echo.path("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void aFunctionWithoutItsHandlerClassAnswers501() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/missing")));

        assertThat(response.statusCode()).isEqualTo(501);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(Json.readTree(response.body()).path("status").asInt()).isEqualTo(501);
    }

    @Test
    void sqsMessagesAreDeliveredInBatchesAndDeletedWhenTheyDidNotFail() {
        String id = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            String body = "ok-" + id + "-" + i;
            stack.sqs().sendMessage(r -> r.queueUrl(stack.queueUrl("WorkQueue")).messageBody(body));
        }

        stack.awaitIdle(Duration.ofSeconds(30));

        List<RecordingSqsHandler.Seen> seen = seen("ok-" + id);
        assertThat(seen).hasSize(3).allSatisfy(s -> {
            assertThat(s.receiveCount()).isEqualTo("1");
            assertThat(s.eventSourceArn()).isEqualTo(stack.queueArn("WorkQueue"));
            assertThat(s.remainingMillis()).isBetween(1, 7000);
        });
    }

    @Test
    void reportedFailuresAndThrownBatchesAreRetriedAndThenMovedToTheDeadLetterQueue() throws Exception {
        String id = UUID.randomUUID().toString();
        String failing = "fail-" + id;
        String throwing = "throw-" + id;
        stack.sqs().sendMessage(r -> r.queueUrl(stack.queueUrl("WorkQueue")).messageBody(failing));
        stack.sqs().sendMessage(r -> r.queueUrl(stack.queueUrl("WorkQueue")).messageBody(throwing));

        List<String> deadLetters = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (deadLetters.size() < 2 && System.nanoTime() < deadline) {
            for (Message m : stack.sqs().receiveMessage(r -> r.queueUrl(stack.queueUrl("WorkDeadLetterQueue"))
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                if (m.body().endsWith(id)) {
                    deadLetters.add(m.body());
                }
            }
        }

        assertThat(deadLetters).containsExactlyInAnyOrder(failing, throwing);
        assertThat(seen(failing)).extracting(RecordingSqsHandler.Seen::receiveCount).containsExactly("1", "2");
        assertThat(seen(throwing)).extracting(RecordingSqsHandler.Seen::receiveCount).containsExactly("1", "2");
    }

    @Test
    void schedulesRunOnDemand() {
        int before = CountingScheduleHandler.SEEN.size();

        stack.runSchedule("TickFunction");

        assertThat(CountingScheduleHandler.SEEN).hasSize(before + 1).contains("Scheduled Event|aws.events");
    }

    @Test
    void tablesOfTheTemplateExistWithoutTtl() {
        assertThat(stack.dynamoDb().describeTable(r -> r.tableName("ItemsTable")).table().keySchema())
                .singleElement().satisfies(k -> assertThat(k.attributeName()).isEqualTo("id"));
    }

    private static List<RecordingSqsHandler.Seen> seen(String prefix) {
        return RecordingSqsHandler.SEEN.stream().filter(s -> s.body().startsWith(prefix)).toList();
    }
}
