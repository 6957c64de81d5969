package no.nabolag.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import no.nabolag.core.json.Json;

/**
 * What each function's ErrorLogTest checks, in one place: the ERROR lines an invocation writes to standard output
 * (where Lambda's log lines go), and that each names the invocation and carries its stack trace.
 */
public final class LoggedErrors {
    private LoggedErrors() {
    }

    /** The ERROR lines the function logged while the invocation ran. */
    public static List<JsonNode> errorLinesOf(Runnable invocation) {
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

        public static void assertEveryErrorNamesTheInvocationAndCarriesItsStackTrace(List<JsonNode> errors, String id) {
        assertThat(errors).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("awsRequestId").asText()).isEqualTo(id);
            assertThat(line.path("errorType").asText()).isNotBlank();
            assertThat(line.path("stackTrace").asText()).startsWith(line.path("errorType").asText()).contains("\tat ");
            assertThat(line.path("errorMessage").asText("absent")).isNotEqualTo("null");
        });
    }
}
