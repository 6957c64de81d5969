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
        Map<String, Object> urgentLane = template.functionProperties("UrgentDeliveryFunction");
        template.events("UrgentDeliveryFunction", "SQS").values().forEach(event ->
                assertThat(Template.refTarget(Template.map(event.get("ScalingConfig")).get("MaximumConcurrency")))
                        .as("the urgent queue's MaximumConcurrency").isEqualTo("UrgentDeliveryConcurrency"));
        assertThat(urgentLane.get("ReservedConcurrentExecutions")).isEqualTo(Map.of("Fn::If",
                List.of("ReservesConcurrency", Map.of("Ref", "UrgentDeliveryConcurrency"), Map.of("Ref", "AWS::NoValue"))));
    }

    @Test
    void urgentPostsHaveTheirOwnQueueAndTheirOwnShareOfThePushRate() {
        assertThat(template.events("UrgentDeliveryFunction", "SQS").values()).singleElement()
                .satisfies(event -> assertThat(Template.getAttTarget(event.get("Queue"))).isEqualTo("UrgentDeliveryQueue"));
        Map<String, Object> urgent = template.environment("UrgentDeliveryFunction");
        Map<String, Object> ordinary = template.environment("DeliveryFunction");
        assertThat(urgent.get("DELIVERY_LANE")).isEqualTo("urgent");
        assertThat(ordinary.get("DELIVERY_LANE")).isEqualTo("ordinary");
        for (Map<String, Object> lane : List.of(urgent, ordinary)) {
            assertThat(Template.refTarget(lane.get("URGENT_PUSH_RATE_PER_SECOND"))).isEqualTo("UrgentPushRatePerSecond");
            assertThat(Template.refTarget(lane.get("PUSH_RATE_PER_SECOND"))).isEqualTo("PushRatePerSecond");
        }
        assertThat(Template.refTarget(template.environment("FanoutFunction").get("URGENT_DELIVERY_QUEUE_URL")))
                .isEqualTo("UrgentDeliveryQueue");
    }

    @Test
    void theOrdinaryLaneWorksOneChainAtATimeAndTheEmergencyLaneSmallBatchesAtOnce() {
        // Ordinary: one message (one chain of a post) per worker, so posts and tenants take turns.
        assertThat(template.events("DeliveryFunction", "SQS").values()).allSatisfy(event ->
                assertThat(String.valueOf(event.get("BatchSize"))).isEqualTo("1"));
        // Urgent: every shard task is queued at once and a worker works a batch concurrently under its one pace;
        // a small batch keeps the workers evenly loaded, and no batching window delays the first push.
        assertThat(template.events("UrgentDeliveryFunction", "SQS").values()).allSatisfy(event -> {
            assertThat(Integer.parseInt(String.valueOf(event.get("BatchSize")))).isBetween(2, 10);
            assertThat(String.valueOf(event.get("MaximumBatchingWindowInSeconds"))).isEqualTo("0");
        });
        for (String lane : List.of("DeliveryFunction", "UrgentDeliveryFunction")) {
            assertThat(Integer.parseInt(String.valueOf(template.environment(lane).get("DELIVERY_TIME_SLICE_SECONDS"))))
                    .as(lane + ": a turn short enough that another tenant's post does not wait long")
                    .isBetween(1, 10);
        }
    }
}
