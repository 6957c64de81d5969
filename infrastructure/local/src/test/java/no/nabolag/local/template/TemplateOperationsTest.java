package no.nabolag.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What an operator relies on after the first deploy (issue 11): data that outlives a deleted production stack, log
 * groups with names the runbooks can give, and an alarm with a runbook for each way the system can stall.
 */
class TemplateOperationsTest {
    static final Map<String, Object> RETAIN_IN_PROD = Map.of("Fn::If", List.of("IsProd", "Retain", "Delete"));
    private static final Pattern RUNBOOK = Pattern.compile("Runbook \"([^\"]+)\" in docs/operator-guide\\.md");
    private final Template template = Template.load();

    @Test
    void tablesTheUserPoolAndTheSecretAreRetainedInProduction() {
        List<String> stateful = new ArrayList<>(template.resourcesOfType("AWS::DynamoDB::Table"));
        stateful.addAll(template.resourcesOfType("AWS::Cognito::UserPool"));
        stateful.addAll(template.resourcesOfType("AWS::SecretsManager::Secret"));
        assertThat(stateful).hasSizeGreaterThan(2);
        for (String id : stateful) {
            assertThat(template.resource(id).get("DeletionPolicy")).as(id + " DeletionPolicy").isEqualTo(RETAIN_IN_PROD);
            assertThat(template.resource(id).get("UpdateReplacePolicy")).as(id + " UpdateReplacePolicy")
                    .isEqualTo(RETAIN_IN_PROD);
        }
        assertThat(Template.map(template.section("Conditions").get("IsProd")).get("Fn::Equals"))
                .isEqualTo(List.of(Map.of("Ref", "Stage"), "prod"));
    }

    @Test
    void everyFunctionLogsToItsOwnNamedLogGroupWithARetention() {
        Set<String> groups = new TreeSet<>();
        for (String function : template.functions()) {
            String group = Template.refTarget(Template.map(template.functionProperties(function).get("LoggingConfig"))
                    .get("LogGroup"));
            assertThat(group).as(function + " LoggingConfig.LogGroup").isNotNull();
            assertThat(groups.add(group)).as(function + " has a log group of its own").isTrue();
            assertThat(Template.type(template.resource(group))).isEqualTo("AWS::Logs::LogGroup");
        }
        for (String group : template.resourcesOfType("AWS::Logs::LogGroup")) {
            Map<String, Object> p = Template.properties(template.resource(group));
            assertThat(p.get("RetentionInDays")).as(group).isEqualTo(Map.of("Ref", "LogRetentionDays"));
            assertThat(String.valueOf(Template.map(p.get("LogGroupName")).get("Fn::Sub"))).as(group + " LogGroupName")
                    .matches("/nabolag/\\$\\{AWS::StackName}/[a-z-]+");
        }
    }

    @Test
    void theRunbooksNameEveryLogGroup() throws IOException {
        String guide = guide();
        for (String group : template.resourcesOfType("AWS::Logs::LogGroup")) {
            String name = String.valueOf(Template.map(Template.properties(template.resource(group)).get("LogGroupName"))
                    .get("Fn::Sub")).replace("${AWS::StackName}", "<stack>");
            assertThat(guide).as("docs/operator-guide.md names " + group).contains(name);
        }
    }

    @Test
    void everyAlarmPointsToARunbookOfTheGuide() throws IOException {
        String guide = guide();
        for (String alarm : template.resourcesOfType("AWS::CloudWatch::Alarm")) {
            Matcher runbook = RUNBOOK.matcher(String.valueOf(Template.properties(template.resource(alarm))
                    .get("AlarmDescription")).replaceAll("\\s+", " "));
            assertThat(runbook.find()).as(alarm + " AlarmDescription names its runbook").isTrue();
            assertThat(guide).as(alarm + ": the guide has the runbook").containsPattern(
                    "(?m)^### " + Pattern.quote(runbook.group(1)) + "\\b");
        }
    }

    @Test
    void everyWorkQueueHasAnAgeAlarm() {
        for (String function : template.functions()) {
            template.events(function, "SQS").values().forEach(event -> {
                String queue = Template.getAttTarget(event.get("Queue"));
                assertThat(alarms("AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", queue))
                        .as(queue + " age of the oldest message").isNotEmpty();
            });
        }
    }

    @Test
    void everyTableHasAThrottlingAlarm() {
        for (String table : template.resourcesOfType("AWS::DynamoDB::Table")) {
            Set<String> metrics = new TreeSet<>();
            for (Map<String, Object> alarm : alarmProperties()) {
                for (Object query : Template.list(alarm.get("Metrics"))) {
                    Map<String, Object> metric = Template.map(Template.map(Template.map(query).get("MetricStat")).get("Metric"));
                    if ("AWS/DynamoDB".equals(metric.get("Namespace")) && Template.list(metric.get("Dimensions")).stream()
                            .map(Template::map).anyMatch(d -> "TableName".equals(d.get("Name"))
                                    && table.equals(Template.refTarget(d.get("Value"))))) {
                        metrics.add(String.valueOf(metric.get("MetricName")));
                    }
                }
            }
            assertThat(metrics).as(table + " throttling alarm").contains("ReadThrottleEvents", "WriteThrottleEvents");
        }
    }

    @Test
    void apiServerErrorsAndConsoleErrorsAreAlarmedAndTheConsoleIsOnTheDashboard() {
        boolean api5xx = alarmProperties().stream().flatMap(a -> Template.list(a.get("Metrics")).stream())
                .map(q -> Template.map(Template.map(Template.map(q).get("MetricStat")).get("Metric")))
                .anyMatch(m -> "AWS/ApiGateway".equals(m.get("Namespace")) && "5xx".equals(m.get("MetricName")));
        assertThat(api5xx).as("an alarm on the HTTP API's 5xx answers").isTrue();
        assertThat(alarms("AWS/Lambda", "Errors", "FunctionName", "ConsoleFunction")).as("console errors").isNotEmpty();
        String dashboard = String.valueOf(Template.map(Template.properties(template.resource("Dashboard"))
                .get("DashboardBody")).get("Fn::Sub"));
        assertThat(dashboard).contains("\"FunctionName\", \"${ConsoleFunction}\"");
    }

    private List<String> alarms(String namespace, String metricName, String dimension, String target) {
        List<String> found = new ArrayList<>();
        for (String alarm : template.resourcesOfType("AWS::CloudWatch::Alarm")) {
            Map<String, Object> p = Template.properties(template.resource(alarm));
            boolean matches = namespace.equals(p.get("Namespace")) && metricName.equals(p.get("MetricName"))
                    && Template.list(p.get("Dimensions")).stream().map(Template::map).anyMatch(d ->
                    dimension.equals(d.get("Name")) && (target.equals(Template.refTarget(d.get("Value")))
                            || target.equals(Template.getAttTarget(d.get("Value")))));
            if (matches && !Template.list(p.get("AlarmActions")).isEmpty()) {
                found.add(alarm);
            }
        }
        return found;
    }

    private List<Map<String, Object>> alarmProperties() {
        return template.resourcesOfType("AWS::CloudWatch::Alarm").stream().map(template::resource)
                .map(Template::properties).toList();
    }

    private String guide() throws IOException {
        return Files.readString(template.root.resolve("docs/operator-guide.md"), StandardCharsets.UTF_8);
    }
}
