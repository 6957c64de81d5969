package no.nabolag.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The alarms and the dashboard read our EMF metrics (namespace Nabolag) by the "Function" dimension: every value
 * they use must be a name the code passes to {@code new Metrics(...)}, or the graphs and alarms stay empty.
 */
class TemplateMetricsTest {
    private final Template template = Template.load();

    private Set<String> functionNamesInCode() {
        Set<String> names = new TreeSet<>();
        for (String function : template.functions()) {
            names.addAll(template.code(function).constantArguments(template.handlerClass(function),
                    "no/nabolag/core/metrics/Metrics", Set.of("<init>"), 0));
        }
        return names;
    }

    @Test
    void alarmsAndDashboardUseTheMetricDimensionsTheCodeEmits() throws Exception {
        Set<String> used = new TreeSet<>();
        for (String alarm : template.resourcesOfType("AWS::CloudWatch::Alarm")) {
            for (Object query : Template.list(Template.properties(template.resource(alarm)).get("Metrics"))) {
                Map<String, Object> metric = Template.map(Template.map(Template.map(query).get("MetricStat")).get("Metric"));
                if ("Nabolag".equals(metric.get("Namespace"))) {
                    Template.list(metric.get("Dimensions")).stream().map(Template::map)
                            .filter(d -> "Function".equals(d.get("Name"))).forEach(d -> used.add(String.valueOf(d.get("Value"))));
                }
            }
        }
        String body = String.valueOf(Template.map(Template.properties(template.resource("Dashboard"))
                .get("DashboardBody")).get("Fn::Sub"));
        JsonNode dashboard = new ObjectMapper().readTree(body.replaceAll("\\$\\{[^}]+}", "x"));
        List<String> nabolagMetrics = new ArrayList<>();
        Set<String> fromLogs = new TreeSet<>();
        for (String filter : template.resourcesOfType("AWS::Logs::MetricFilter")) {
            Template.list(Template.properties(template.resource(filter)).get("MetricTransformations")).stream()
                    .map(Template::map).filter(m -> "Nabolag".equals(m.get("MetricNamespace")))
                    .forEach(m -> fromLogs.add(String.valueOf(m.get("MetricName"))));
        }
        for (JsonNode widget : dashboard.path("widgets")) {
            for (JsonNode metric : widget.path("properties").path("metrics")) {
                if (!"Nabolag".equals(metric.path(0).asText())) {
                    continue;
                }
                nabolagMetrics.add(metric.path(1).asText());
                if ("Function".equals(metric.path(2).asText())) {
                    used.add(metric.path(3).asText());
                } else {
                    assertThat(fromLogs).as("Nabolag metrics without a Function dimension come from a metric filter")
                            .contains(metric.path(1).asText());
                }
            }
        }
        assertThat(nabolagMetrics).contains("PushesSent", "PushesFailed", "PushesDeferred", "FeedLatency");
        assertThat(used).isNotEmpty();
        assertThat(functionNamesInCode()).as("Function dimension values emitted by the code").containsAll(used);
    }
}
