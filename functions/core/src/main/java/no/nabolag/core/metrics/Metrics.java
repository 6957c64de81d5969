package no.nabolag.core.metrics;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nabolag.core.json.Json;

/**
 * CloudWatch Embedded Metric Format: one JSON line on stdout that CloudWatch turns into metrics,
 * without an API call. Namespace "Nabolag", dimension "Function". Metric names used by the template's
 * dashboard and alarms: PushesSent, PushesFailed, PushesDisabled, PushesDeferred (Count, Function=delivery),
 * FanoutDuration (Milliseconds, Function=fanout). FeedLatency (Milliseconds, no dimension) comes from the
 * HTTP API access log through a metric filter in template.yaml, so it is measured where residents feel it.
 */
public final class Metrics {
    public static final String NAMESPACE = "Nabolag";
    private final String function;
    private final Clock clock;
    private final PrintStream out;

    public Metrics(String function) {
        this(function, Clock.systemUTC(), System.out);
    }

    public Metrics(String function, Clock clock, PrintStream out) {
        this.function = function;
        this.clock = clock;
        this.out = out;
    }

    /** Emits counts (unit Count) with extra searchable properties such as postId; zero counts are kept. */
    public void counts(Map<String, Long> counts, Map<String, String> properties) {
        emit(counts, "Count", properties);
    }

    public void milliseconds(String name, long millis, Map<String, String> properties) {
        emit(Map.of(name, millis), "Milliseconds", properties);
    }

    private void emit(Map<String, ? extends Number> values, String unit, Map<String, String> properties) {
        List<Map<String, String>> definitions = new ArrayList<>();
        values.keySet().forEach(name -> definitions.add(Map.of("Name", name, "Unit", unit)));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of(
                "Timestamp", clock.millis(),
                "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", NAMESPACE,
                        "Dimensions", List.of(List.of("Function")),
                        "Metrics", definitions))));
        line.put("Function", function);
        line.putAll(properties);
        line.putAll(values);
        out.println(Json.write(line));
    }
}
