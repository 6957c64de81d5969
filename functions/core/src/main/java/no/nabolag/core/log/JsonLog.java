package no.nabolag.core.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import no.nabolag.core.json.Json;

/**
 * Structured JSON log lines on stdout, which Lambda ships to CloudWatch as they are.
 * Fields are ids and counts (postId, deviceId); never pass tokens, secrets or message text.
 *
 * <p>Every line written while a handler works on an invocation carries that invocation's {@code awsRequestId}: each
 * function's entry point opens a {@link #requestScope} with the Lambda Context's request id (HTTP functions in
 * lambda-http's {@code HttpApiHandler}, the queue and schedule handlers in their {@code handleRequest}). Error lines
 * carry the exception's type, its message when it has one (a bare NPE has none: no {@code "null"} is invented) and
 * the whole stack trace, causes included, as one JSON string {@code stackTrace}.
 */
public final class JsonLog {
    /** CloudWatch takes 256 KB per event; a stack trace longer than this is cut (its top frames are what matter). */
    static final int MAX_STACK_TRACE_CHARS = 32_768;
    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();
    private final String logger;

    private JsonLog(String logger) {
        this.logger = logger;
    }

    public static JsonLog forClass(Class<?> type) {
        return new JsonLog(type.getSimpleName());
    }

    /** The scope of one invocation's log lines; closing it restores what the thread had before. */
    @FunctionalInterface
    public interface RequestScope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Marks this thread's log lines with the invocation's request id until the scope is closed. Every handler's entry
     * point calls it first: {@code try (var scope = JsonLog.requestScope(context.getAwsRequestId())) { ... }}.
     * A null id (a test or a local call without a Context) marks nothing.
     */
    public static RequestScope requestScope(String awsRequestId) {
        String previous = REQUEST_ID.get();
        set(awsRequestId);
        return () -> set(previous);
    }

    /** The request id of the invocation this thread works for, or null; for handing work to other threads. */
    public static String currentRequestId() {
        return REQUEST_ID.get();
    }

    private static void set(String awsRequestId) {
        if (awsRequestId == null) {
            REQUEST_ID.remove();
        } else {
            REQUEST_ID.set(awsRequestId);
        }
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
        String requestId = REQUEST_ID.get();
        if (requestId != null) {
            line.put("awsRequestId", requestId);
        }
        line.put("message", message);
        line.putAll(fields);
        if (error != null) {
            line.put("errorType", error.getClass().getName());
            if (error.getMessage() != null) {
                line.put("errorMessage", error.getMessage());
            }
            line.put("stackTrace", stackTrace(error));
        }
        // System.out as it is now (Lambda's runtime and tests may replace it after this class was loaded).
        System.out.println(Json.write(line));
    }

    static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        String trace = text.toString();
        return trace.length() <= MAX_STACK_TRACE_CHARS ? trace
                : trace.substring(0, MAX_STACK_TRACE_CHARS) + "\n\t... (cut at " + MAX_STACK_TRACE_CHARS + " characters)";
    }
}
