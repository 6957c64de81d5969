package no.nabolag.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nabolag.core.delivery.DeliveryPost;
import no.nabolag.core.delivery.DeliveryPosts;
import no.nabolag.core.delivery.DeliveryTask;
import no.nabolag.core.delivery.FanoutService;
import no.nabolag.core.metrics.Metrics;
import org.junit.jupiter.api.Test;

class FanoutHandlerTest {
    private final Map<String, DeliveryPost> posts = Map.of(
            "published", post("published", "PUBLISHED"),
            "accepted", post("accepted", "ACCEPTED"),
            "withdrawn", post("withdrawn", "WITHDRAWN"));
    private final List<DeliveryTask> sent = new ArrayList<>();
    private final List<DeliveryTask> urgent = new ArrayList<>();
    private final ByteArrayOutputStream metrics = new ByteArrayOutputStream();

    private static DeliveryPost post(String id, String status) {
        return new DeliveryPost(id, status, List.of("frogner", "sagene"), List.of("youth"), "T", "B", null, null,
                false, null);
    }

    private FanoutHandler handler() {
        DeliveryPosts store = postId -> Optional.ofNullable(posts.get(postId));
        FanoutService service = new FanoutService(store, new FanoutService.Lane(sent::addAll, 4),
                new FanoutService.Lane(urgent::addAll, 2), 16, Duration.ZERO, d -> { });
        return new FanoutHandler(service, new Metrics("fanout", Clock.systemUTC(),
                new PrintStream(metrics, true, StandardCharsets.UTF_8)));
    }

    private static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id);
        message.setBody(body);
        return message;
    }

    @Test
    void plansPublishedPostsSkipsOthersAndReportsOnlyTheFailedRecords() {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(
                message("m1", "{\"postId\":\"published\"}"),
                message("m2", "not json"),
                message("m3", "{\"postId\":\"accepted\"}"),
                message("m4", "{\"postId\":\"withdrawn\"}"),
                message("m5", "{}")));

        SQSBatchResponse response = handler().handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m2", "m3", "m5");
        assertThat(sent).as("one chain per ordinary worker").hasSize(4)
                .allSatisfy(task -> assertThat(task.postId()).isEqualTo("published"));
        assertThat(urgent).isEmpty();
        assertThat(metrics.toString(StandardCharsets.UTF_8)).contains("\"FanoutDuration\"").contains("published");
    }
}
