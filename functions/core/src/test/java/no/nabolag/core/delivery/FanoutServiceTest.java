package no.nabolag.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FanoutServiceTest {
    private final Fakes.Posts posts = new Fakes.Posts();
    private final Fakes.Queue queue = new Fakes.Queue();
    private final FanoutService fanout = new FanoutService(posts, queue, 16, Duration.ofMillis(500), d -> { });

    private static DeliveryPost post(String status, List<String> districts) {
        return new DeliveryPost("p1", status, districts, List.of("youth"), "T", "B", null, null, false, null);
    }

    @Test
    void aPublishedPostGetsOneTaskPerShardOfEachDistrict() {
        posts.posts.put("p1", post("PUBLISHED", List.of("frogner", "sagene")));

        assertThat(fanout.fanOut("p1")).isEqualTo(FanoutService.Result.PLANNED);

        assertThat(queue.sent).hasSize(32).doesNotHaveDuplicates();
        assertThat(queue.sent).extracting(DeliveryTask::audienceShard).contains("frogner#00", "frogner#15", "sagene#07");
    }

    @Test
    void postsThatAreNotPublishedAreSkipped() {
        posts.posts.put("p1", post("WITHDRAWN", List.of("frogner")));

        assertThat(fanout.fanOut("p1")).isEqualTo(FanoutService.Result.SKIPPED);
        assertThat(fanout.fanOut("missing")).isEqualTo(FanoutService.Result.SKIPPED);
        assertThat(queue.sent).isEmpty();
    }

    @Test
    void aPostStillAcceptedIsLeftToRedelivery() {
        posts.posts.put("p1", post("ACCEPTED", List.of("frogner")));

        assertThatThrownBy(() -> fanout.fanOut("p1")).isInstanceOf(IllegalStateException.class);
        assertThat(queue.sent).isEmpty();
    }

    @Test
    void tasksSurviveTheQueueAsJson() {
        DeliveryTask task = DeliveryTask.shard("p1", "frogner", 3).continueAt(2, java.util.Map.of("deviceId", "x"));

        DeliveryTask parsed = DeliveryTask.parse(task.toJson());

        assertThat(parsed).isEqualTo(task);
        assertThat(parsed.progressKey()).isEqualTo("PROGRESS#p1#frogner#03");
        assertThat(DeliveryTask.parse(DeliveryTask.deferred("2026-11-28T06:00").toJson()).progressKey())
                .isEqualTo("PROGRESS#DEFER#2026-11-28T06:00");
        assertThatThrownBy(() -> DeliveryTask.parse("{\"kind\":\"shard\"}")).isInstanceOf(IllegalArgumentException.class);
    }
}
