package no.nabolag.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every queue has a dead-letter queue and an alarm on it; consumers cannot outlive their messages' visibility. */
class TemplateQueuesTest {
    private final Template template = Template.load();

    private Set<String> deadLetterQueues() {
        Set<String> dlqs = new TreeSet<>();
        for (String queue : template.resourcesOfType("AWS::SQS::Queue")) {
            Object target = Template.map(Template.properties(template.resource(queue)).get("RedrivePolicy"))
                    .get("deadLetterTargetArn");
            if (target != null) {
                dlqs.add(Template.getAttTarget(target));
            }
        }
        return dlqs;
    }

    @Test
    void everyQueueThatIsNotADeadLetterQueueHasOne() {
        Set<String> dlqs = deadLetterQueues();
        assertThat(dlqs).isNotEmpty();
        for (String queue : template.resourcesOfType("AWS::SQS::Queue")) {
            if (dlqs.contains(queue)) {
                continue;
            }
            Map<String, Object> redrive = Template.map(Template.properties(template.resource(queue)).get("RedrivePolicy"));
            assertThat(redrive).as(queue + " RedrivePolicy").containsKeys("deadLetterTargetArn", "maxReceiveCount");
            assertThat(template.resourcesOfType("AWS::SQS::Queue")).contains(Template.getAttTarget(redrive.get("deadLetterTargetArn")));
        }
    }

    @Test
    void everyDeadLetterQueueHasAnAlarmOnAnyVisibleMessage() {
        for (String dlq : deadLetterQueues()) {
            boolean alarmed = template.resourcesOfType("AWS::CloudWatch::Alarm").stream()
                    .map(template::resource).map(Template::properties)
                    .anyMatch(alarm -> "AWS/SQS".equals(alarm.get("Namespace"))
                            && "ApproximateNumberOfMessagesVisible".equals(alarm.get("MetricName"))
                            && "GreaterThanThreshold".equals(alarm.get("ComparisonOperator"))
                            && Double.parseDouble(String.valueOf(alarm.get("Threshold"))) == 0
                            && Template.list(alarm.get("Dimensions")).stream().map(Template::map)
                            .anyMatch(d -> "QueueName".equals(d.get("Name")) && dlq.equals(Template.getAttTarget(d.get("Value"))))
                            && !Template.list(alarm.get("AlarmActions")).isEmpty());
            assertThat(alarmed).as("alarm on messages in " + dlq).isTrue();
        }
    }

    @Test
    void everyConsumedQueueOutlastsItsConsumerAndReportsPartialFailures() {
        List<String> consumed = new ArrayList<>();
        for (String function : template.functions()) {
            int timeout = Integer.parseInt(String.valueOf(template.functionProperties(function).get("Timeout")));
            template.events(function, "SQS").forEach((name, event) -> {
                String queue = Template.getAttTarget(event.get("Queue"));
                consumed.add(queue);
                int visibility = Integer.parseInt(String.valueOf(
                        Template.properties(template.resource(queue)).get("VisibilityTimeout")));
                assertThat(visibility).as(queue + " visibility timeout vs " + function + " timeout")
                        .isGreaterThanOrEqualTo(2 * timeout);
                assertThat(Template.list(event.get("FunctionResponseTypes"))).as(function + "." + name)
                        .contains("ReportBatchItemFailures");
                assertThat(event).as(function + "." + name)
                        .containsKeys("BatchSize", "MaximumBatchingWindowInSeconds", "ScalingConfig");
                assertThat(Template.map(event.get("ScalingConfig"))).containsKey("MaximumConcurrency");
            });
        }
        assertThat(consumed).as("queues with a consumer").isNotEmpty();
    }

    @Test
    void deliveryWorkersAreCappedByTheQueueAndReservedOnlyWhenTheOperatorAsks() {
        Map<String, Object> delivery = template.functionProperties("DeliveryFunction");
        template.events("DeliveryFunction", "SQS").values().forEach(event ->
                assertThat(Template.refTarget(Template.map(event.get("ScalingConfig")).get("MaximumConcurrency")))
                        .as("the delivery queue's MaximumConcurrency").isEqualTo("DeliveryConcurrency"));
        // Reserving fails on accounts whose concurrency quota is below the reservation plus 100 (new accounts: 10).
        assertThat(delivery.get("ReservedConcurrentExecutions")).isEqualTo(Map.of("Fn::If",
                List.of("ReservesConcurrency", Map.of("Ref", "DeliveryConcurrency"), Map.of("Ref", "AWS::NoValue"))));
        for (String function : template.functions()) {
            Object reserved = template.functionProperties(function).get("ReservedConcurrentExecutions");
            if (reserved != null) {
                assertThat(Template.list(Template.map(reserved).get("Fn::If"))).as(function
                        + " reserves concurrency only with ReserveConcurrency=true").startsWith("ReservesConcurrency")
                        .endsWith(Map.of("Ref", "AWS::NoValue"));
            }
        }
        assertThat(template.section("Parameters")).containsKey("ReserveConcurrency");
        assertThat(Template.map(template.section("Parameters").get("ReserveConcurrency")).get("Default"))
                .as("the first deploy into a new account works").isEqualTo("false");
    }
}
