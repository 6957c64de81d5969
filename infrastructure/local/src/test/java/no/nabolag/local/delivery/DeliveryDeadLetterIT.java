package no.nabolag.local.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nabolag.core.delivery.DeliveryTask;
import no.nabolag.core.post.Post;
import no.nabolag.local.LocalStack;
import no.nabolag.local.LocalStackConfig;
import no.nabolag.local.delivery.DeliveryWorld.Received;
import no.nabolag.local.delivery.DeliveryWorld.TestDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A poison message on the delivery queue ends in its dead-letter queue after maxReceiveCount attempts, while the
 * other messages are delivered. This needs failed messages to come back in a second rather than after the queue's
 * 15-minute visibility timeout, so it runs on a stack of its own (the shared one keeps AWS timing).
 */
class DeliveryDeadLetterIT {
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStackConfig.defaults().withSeed(false).withSchedules(false).withPort(0)
                .withFailedRetryDelay(Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aPoisonMessageEndsInTheDeadLetterQueueWhileTheOthersAreDelivered() {
        // Arrange
        DeliveryWorld world = new DeliveryWorld(stack);
        String district = world.district("p");
        List<TestDevice> devices = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            devices.add(world.device(world.run + "ok" + i, "android", "nb", "UTC", null,
                    Map.of(district, List.of("youth"))));
        }
        String poison = "{\"kind\":\"shard\",\"postId\":\"" + world.run + "\",\"districtId\":\"" + district + "\"}";

        // Act
        stack.sqs().sendMessage(r -> r.queueUrl(stack.queueUrl("DeliveryQueue")).messageBody(poison));
        Post post = world.publish(world.post("Vanlig", List.of(district), List.of("youth"), false, false));

        List<String> deadLetters = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (deadLetters.isEmpty() && System.nanoTime() < deadline) {
            for (Message m : stack.sqs().receiveMessage(r -> r.queueUrl(stack.queueUrl("DeliveryDeadLetterQueue"))
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                deadLetters.add(m.body());
            }
        }
        stack.awaitIdle(Duration.ofSeconds(60));

        // Assert
        assertThat(deadLetters).containsExactly(poison);
        assertThat(world.received(devices).values()).allSatisfy(pushes ->
                assertThat(pushes).extracting(Received::postId).containsExactly(post.postId()));
        assertThat(DeliveryTask.shard(post.postId(), district, 0).progressKey()).startsWith("PROGRESS#");
    }
}
