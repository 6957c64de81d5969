package no.nabolag.core.log;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import no.nabolag.core.json.Json;

/**
 * Structured JSON log lines on stdout, which Lambda ships to CloudWatch as they are.
 * Fields are ids and counts (postId, deviceId); never pass tokens, secrets or message text.
 */
public final class JsonLog {
    private static volatile PrintStream out = System.out;
    private final String logger;

    private JsonLog(String logger) {
        this.logger = logger;
    }

    public static JsonLog forClass(Class<?> type) {
        return new JsonLog(type.getSimpleName());
    }

    public void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields, null);
    }

    public void warn(String message, Map<String, ?> fields) {
        write("WARN", message, fields, null);
    }

    public void error(String message, Throwable error, Map<String, ?> fields) {
        write("ERROR", message, fields, error);
    }

    private void write(String level, String message, Map<String, ?> fields, Throwable error) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("logger", logger);
        line.put("message", message);
        line.putAll(fields);
        if (error != null) {
            line.put("errorType", error.getClass().getName());
            line.put("errorMessage", String.valueOf(error.getMessage()));
        }
        out.println(Json.write(line));
    }
}
