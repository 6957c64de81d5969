package no.nabolag.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import no.nabolag.core.json.Json;
import org.junit.jupiter.api.Test;

class JsonLogTest {
    private static final JsonLog LOG = JsonLog.forClass(JsonLogTest.class);

    /** The JSON lines written while the action ran. */
    private static List<JsonNode> linesOf(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8).lines().map(line -> {
            try {
                return Json.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).toList();
    }

    @Test
    void anErrorWithoutMessageIsLoggedWithItsTypeAndStackTraceAndNoInventedNullMessage() {
        List<JsonNode> lines = linesOf(() -> LOG.error("failed", new NullPointerException(), Map.of("postId", "p1")));

        JsonNode line = lines.get(0);
        assertThat(line.path("level").asText()).isEqualTo("ERROR");
        assertThat(line.path("errorType").asText()).isEqualTo("java.lang.NullPointerException");
        assertThat(line.has("errorMessage")).isFalse();
        assertThat(line.path("stackTrace").asText()).startsWith("java.lang.NullPointerException")
                .contains("at no.nabolag.core.log.JsonLogTest");
        assertThat(line.path("postId").asText()).isEqualTo("p1");
    }

    @Test
    void theStackTraceIncludesTheCause() {
        RuntimeException error = new IllegalStateException("store failed", new java.io.IOException("connection reset"));

        JsonNode line = linesOf(() -> LOG.error("failed", error, Map.of())).get(0);

        assertThat(line.path("errorMessage").asText()).isEqualTo("store failed");
        assertThat(line.path("stackTrace").asText()).contains("Caused by: java.io.IOException: connection reset");
    }

    @Test
    void linesWrittenInsideARequestScopeCarryItsRequestIdAndOnlyThose() {
        List<JsonNode> lines = linesOf(() -> {
            LOG.info("before", Map.of());
            try (var scope = JsonLog.requestScope("req-1")) {
                LOG.info("inside", Map.of());
                try (var nested = JsonLog.requestScope("req-2")) {
                    LOG.warn("nested", Map.of());
                }
                LOG.error("inside again", new IllegalStateException("x"), Map.of());
            }
            LOG.info("after", Map.of());
        });

        assertThat(lines).extracting(l -> l.path("message").asText())
                .containsExactly("before", "inside", "nested", "inside again", "after");
        assertThat(lines).extracting(l -> l.path("awsRequestId").asText(null))
                .containsExactly(null, "req-1", "req-2", "req-1", null);
    }

    @Test
    void aVeryLongStackTraceIsCut() {
        RuntimeException deep = new IllegalStateException("deep");
        for (int i = 0; i < 2_000; i++) {
            deep = new IllegalStateException("level " + i, deep);
        }
        RuntimeException error = deep;

        JsonNode line = linesOf(() -> LOG.error("failed", error, Map.of())).get(0);

        assertThat(line.path("stackTrace").asText()).hasSizeLessThan(JsonLog.MAX_STACK_TRACE_CHARS + 100)
                .endsWith("characters)");
    }
}
