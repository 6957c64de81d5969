package no.nabolag.delivery;

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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.nabolag.core.delivery.AudienceMember;
import no.nabolag.core.delivery.Backoff;
import no.nabolag.core.delivery.DeliveryPost;
import no.nabolag.core.delivery.DeliveryService;
import no.nabolag.core.delivery.DeliveryTask;
import no.nabolag.core.delivery.Deferral;
import no.nabolag.core.delivery.Fakes;
import no.nabolag.core.delivery.PushDispatcher;
import no.nabolag.core.delivery.PushMessage;
import no.nabolag.core.delivery.TokenBucket;
import no.nabolag.core.json.Json;
import no.nabolag.core.metrics.Metrics;
import org.junit.jupiter.api.Test;

/**
 * The handler fed the SQS event as Lambda delivers it: {@code events/sqs-event.json} is the example event of the AWS
 * Lambda Developer Guide ("Using Lambda with Amazon SQS"), read with the Lambda Java runtime's own serializer
 * (aws-lambda-java-serialization). The delivery service behind it runs on core's in-memory ports.
 */
class DeliveryHandlerSqsEventTest {
    private static final String FIRST = "059f36b4-87a3-44ab-83d2-661975830a7d";
    private static final String SECOND = "2e1424d4-f796-459a-8184-9c92662be6da";
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private final Fakes.Audience audience = new Fakes.Audience();
    private final Fakes.Posts posts = new Fakes.Posts();
    private final Fakes.Gateway sns = new Fakes.Gateway();
    private final DeliveryHandler handler;

    DeliveryHandlerSqsEventTest() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        PushDispatcher dispatcher = new PushDispatcher(sns, TokenBucket.unlimited(), 8,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 3, d -> { }));
        handler = new DeliveryHandler(new DeliveryService(audience, new Fakes.Ledger(), posts, new Fakes.FiguresStore(),
                dispatcher, TokenBucket::unlimited, new Fakes.Deactivator(), new Fakes.Queue(), clock,
                new Metrics("delivery", clock, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)),
                new DeliveryService.Options(50, Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ZERO,
                        Deferral.DEFAULT_SHARDS)));
    }

    private static String documentedEvent() {
        try (InputStream in = DeliveryHandlerSqsEventTest.class.getResourceAsStream("/events/sqs-event.json")) {
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
        return LambdaEventSerializers.serializerFor(SQSEvent.class, DeliveryHandlerSqsEventTest.class.getClassLoader())
                .fromJson(json);
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private void follower(String deviceId, String category) {
        audience.add("frogner#00", new AudienceMember(deviceId, "frogner", "android", "arn:" + deviceId, "nb", "UTC",
                Optional.empty(), true, Set.of(category), Map.of("frogner", List.of(category))));
    }

    @Test
    void recordsThatAreNotDeliveryTasksAreReportedByTheirOwnMessageIds() {
        // Arrange: the documented bodies ("test") are not delivery tasks
        SQSEvent event = asLambdaDelivers(documentedEvent());

        // Act
        SQSBatchResponse response = handler.handleRequest(event, null);

        // Assert
        assertThat(failed(response)).containsExactlyInAnyOrder(FIRST, SECOND);
        assertThat(sns.sent).isEmpty();
    }

    @Test
    void aShardTaskPushesItsMatchingFollowersAndOnlyTheBadRecordIsRedelivered() {
        // Arrange
        posts.posts.put("p1", new DeliveryPost("p1", "PUBLISHED", List.of("frogner"), List.of("youth"), "Tittel",
                "Tekst", null, null, false, null));
        follower("dev1", "youth");
        follower("dev2", "youth");
        follower("dev3", "seniors");
        SQSEvent event = asLambdaDelivers(withBodies(DeliveryTask.shard("p1", "frogner", 0).toJson(), "{}"));

        // Act
        SQSBatchResponse response = handler.handleRequest(event, null);

        // Assert
        assertThat(failed(response)).containsExactly(SECOND);
        assertThat(sns.sent).extracting(PushMessage::deviceId).containsExactlyInAnyOrder("dev1", "dev2");
    }
}
