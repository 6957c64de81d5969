package no.nabolag.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The production choices of issue 6 stay in template.yaml: runtime, SnapStart, logs, tracing, table protection. */
class TemplateProductionTest {
    private final Template template = Template.load();

    @Test
    void functionsRunJava21OrNewerWithSnapStartJsonLogsAndTracing() {
        for (String function : template.functions()) {
            Map<String, Object> p = template.functionProperties(function);
            assertThat(String.valueOf(p.get("Runtime"))).as(function).matches("java(2[1-9]|[3-9][0-9])");
            assertThat(Template.map(p.get("SnapStart")).get("ApplyOn")).as(function).isEqualTo("PublishedVersions");
            assertThat(p.get("AutoPublishAlias")).as(function + " AutoPublishAlias (SnapStart needs versions)").isNotNull();
            assertThat(Template.map(p.get("LoggingConfig")).get("LogFormat")).as(function).isEqualTo("JSON");
            assertThat(p.get("Tracing")).as(function).isEqualTo("Active");
            assertThat(p).as(function).containsKeys("MemorySize", "Timeout");
        }
    }

    @Test
    void tablesAreOnDemandRecoverableEncryptedAndProtectedInProduction() {
        assertThat(template.resourcesOfType("AWS::DynamoDB::Table")).isNotEmpty();
        for (String table : template.resourcesOfType("AWS::DynamoDB::Table")) {
            Map<String, Object> p = Template.properties(template.resource(table));
            assertThat(p.get("BillingMode")).as(table).isEqualTo("PAY_PER_REQUEST");
            assertThat(Template.map(p.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled"))
                    .as(table).isEqualTo(true);
            assertThat(Template.map(p.get("SSESpecification")).get("SSEEnabled")).as(table).isEqualTo(true);
            assertThat(p.get("DeletionProtectionEnabled")).as(table)
                    .isEqualTo(Map.of("Fn::If", java.util.List.of("IsProd", true, false)));
        }
    }

    @Test
    void everyFunctionHasErrorAndThrottleAlarms() {
        for (String function : template.functions()) {
            for (String metric : new String[] {"Errors", "Throttles"}) {
                boolean alarmed = template.resourcesOfType("AWS::CloudWatch::Alarm").stream().map(template::resource)
                        .map(Template::properties)
                        .anyMatch(a -> "AWS/Lambda".equals(a.get("Namespace")) && metric.equals(a.get("MetricName"))
                                && Template.list(a.get("Dimensions")).stream().map(Template::map)
                                .anyMatch(d -> function.equals(Template.refTarget(d.get("Value")))));
                assertThat(alarmed).as(function + " " + metric + " alarm").isTrue();
            }
        }
    }

    @Test
    void theOutputsGiveTheApiAndPublisherBaseUrls() {
        assertThat(template.section("Outputs")).containsKeys("ApiUrl", "PublisherBaseUrl");
    }
}
