package no.nabolag.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import no.nabolag.core.delivery.DeliveryPost;
import no.nabolag.core.delivery.DeliveryTask;
import no.nabolag.core.delivery.Fakes;
import no.nabolag.core.delivery.FanoutService;
import no.nabolag.core.json.Json;
import no.nabolag.core.metrics.Metrics;
import org.junit.jupiter.api.Test;

/**
 * The handler fed the SQS event as Lambda delivers it: {@code events/sqs-event.json} is the example event of the AWS
 * Lambda Developer Guide ("Using Lambda with Amazon SQS"), read with the Lambda Java runtime's own serializer
 * (aws-lambda-java-serialization), as the runtime does before it calls the handler.
 */
class FanoutHandlerSqsEventTest {
    private static final String FIRST = "059f36b4-87a3-44ab-83d2-661975830a7d";
    private static final String SECOND = "2e1424d4-f796-459a-8184-9c92662be6da";

    private final Fakes.Posts posts = new Fakes.Posts();
    private final Fakes.Queue delivery = new Fakes.Queue();
    private final FanoutHandler handler = new FanoutHandler(
            new FanoutService(posts, delivery, 4, Duration.ZERO, d -> { }),
            new Metrics("fanout", Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8)));

    /** The documented event, as text. */
    private static String documentedEvent() {
        try (InputStream in = FanoutHandlerSqsEventTest.class.getResourceAsStream("/events/sqs-event.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documented event with its records' bodies replaced, everything else as AWS sends it. */
    private static String withBodies(String... bodies) {
        try {
            var tree = Json.readTree(documentedEvent());
            for (int i = 0; i < bodies.length; i++) {
                ((ObjectNode) tree.path("Records").get(i)).put("body", bodies[i]);
            }
            return Json.write(tree);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deserialised as the Lambda Java runtime does. */
    private static SQSEvent asLambdaDelivers(String json) {
        return LambdaEventSerializers.serializerFor(SQSEvent.class, FanoutHandlerSqsEventTest.class.getClassLoader())
                .fromJson(json);
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void recordsThatAreNotFanoutMessagesAreReportedByTheirOwnMessageIds() {
        // Arrange: the documented bodies ("test") are not {"postId": ...}
        SQSEvent event = asLambdaDelivers(documentedEvent());

        // Act
        SQSBatchResponse response = handler.handleRequest(event, null);

        // Assert
        assertThat(event.getRecords()).extracting(SQSEvent.SQSMessage::getEventSource).containsOnly("aws:sqs");
        assertThat(failed(response)).containsExactly(FIRST, SECOND);
        assertThat(delivery.sent).isEmpty();
    }

    @Test
    void aPublishedPostIsPlannedPerAudienceShardAndAWithdrawnOneIsLeftAlone() {
        // Arrange
        posts.posts.put("p1", new DeliveryPost("p1", "PUBLISHED", List.of("frogner"), List.of("youth"), "T", "B",
                null, null, false, null));
        posts.posts.put("p2", new DeliveryPost("p2", "WITHDRAWN", List.of("frogner"), List.of("youth"), "T", "B",
                null, null, false, null));
        SQSEvent event = asLambdaDelivers(withBodies("{\"postId\":\"p1\"}", "{\"postId\":\"p2\"}"));

        // Act
        SQSBatchResponse response = handler.handleRequest(event, null);

        // Assert: nothing to redeliver; four shards of Frogner for p1
        assertThat(failed(response)).isEmpty();
        assertThat(delivery.sent).extracting(DeliveryTask::postId, DeliveryTask::districtId, DeliveryTask::shard)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("p1", "frogner", 0),
                        org.assertj.core.groups.Tuple.tuple("p1", "frogner", 1),
                        org.assertj.core.groups.Tuple.tuple("p1", "frogner", 2),
                        org.assertj.core.groups.Tuple.tuple("p1", "frogner", 3));
    }

    @Test
    void aPostNotYetPublishedIsReportedSoSqsRedeliversItLater() {
        // Arrange: the fan-out message overtook the PUBLISHED write
        posts.posts.put("p1", new DeliveryPost("p1", "ACCEPTED", List.of("frogner"), List.of("youth"), "T", "B",
                null, null, false, null));
        SQSEvent event = asLambdaDelivers(withBodies("{\"postId\":\"p1\"}", "{\"postId\":\"unknown\"}"));

        // Act
        SQSBatchResponse response = handler.handleRequest(event, null);

        // Assert
        assertThat(failed(response)).containsExactly(FIRST);
        assertThat(delivery.sent).isEmpty();
    }
}
