package no.nabolag.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FanoutServiceTest {
    private final Fakes.Posts posts = new Fakes.Posts();
    private final Fakes.Queue queue = new Fakes.Queue();
    private final Fakes.Queue urgentQueue = new Fakes.Queue();
    private final FanoutService fanout = new FanoutService(posts, new FanoutService.Lane(queue, 5),
            new FanoutService.Lane(urgentQueue, 2), 16, Duration.ofMillis(500), d -> { });

    private static DeliveryPost post(String status, List<String> districts) {
        return post(status, districts, false);
    }

    private static DeliveryPost post(String status, List<String> districts, boolean urgent) {
        return new DeliveryPost("p1", status, districts, List.of("youth"), "T", "B", null, null, urgent, null);
    }

    @Test
    void aPublishedPostStartsOneChainPerWorkerOfItsLane() {
        posts.posts.put("p1", post("PUBLISHED", List.of("frogner", "sagene")));

        assertThat(fanout.fanOut("p1")).isEqualTo(FanoutService.Result.PLANNED);

        assertThat(queue.sent).extracting(DeliveryTask::audienceShard)
                .containsExactly("frogner#00", "frogner#01", "frogner#02", "frogner#03", "frogner#04");
        assertThat(queue.sent).allSatisfy(task -> assertThat(task.stride()).isEqualTo(5));
        assertThat(urgentQueue.sent).isEmpty();
    }

    @Test
    void theChainsTogetherCoverEveryShardOfEveryDistrictOnce() {
        DeliveryPost post = post("PUBLISHED", List.of("frogner", "sagene", "alna"));
        List<String> covered = new java.util.ArrayList<>();

        for (DeliveryTask first : FanoutService.chains(post, 16, 5)) {
            for (java.util.Optional<DeliveryTask> task = java.util.Optional.of(first); task.isPresent();
                 task = task.get().nextInChain(post.districtIds())) {
                covered.add(task.get().audienceShard());
            }
        }

        assertThat(covered).hasSize(48).doesNotHaveDuplicates()
                .containsAll(FanoutService.plan(post, 16).stream().map(DeliveryTask::audienceShard).toList());
    }

    @Test
    void anUrgentPostGoesToTheEmergencyLane() {
        posts.posts.put("p1", post("PUBLISHED", List.of("frogner"), true));

        fanout.fanOut("p1");

        assertThat(urgentQueue.sent).as("every shard task at once, none chained").hasSize(16)
                .allSatisfy(task -> assertThat(task.stride()).isNull());
        assertThat(urgentQueue.sent).extracting(DeliveryTask::audienceShard)
                .containsExactlyElementsOf(FanoutService.plan(post("PUBLISHED", List.of("frogner")), 16).stream()
                        .map(DeliveryTask::audienceShard).toList());
        assertThat(queue.sent).isEmpty();
    }

    @Test
    void everyTaskOfAPostIsInItsTenantsMessageGroupSoTheQueueSharesWorkersBetweenTenants() {
        DeliveryPost post = new DeliveryPost("p1", "PUBLISHED", List.of("frogner", "sagene"), List.of("youth"), "T",
                "B", null, null, false, null, "baerum");
        posts.posts.put("p1", post);

        fanout.fanOut("p1");

        assertThat(queue.sent).extracting(DeliveryTask::messageGroup).containsOnly("baerum");
        DeliveryTask last = queue.sent.get(1);
        for (var next = last.nextInChain(post.districtIds()); next.isPresent();
             next = next.get().nextInChain(post.districtIds())) {
            last = next.get();
        }
        assertThat(last.audienceShard()).as("the chain's last task").isEqualTo("sagene#15");
        assertThat(DeliveryTask.parse(last.continueAt(1, java.util.Map.of("deviceId", "x")).toJson()).messageGroup())
                .as("the group survives the chain, continuations and the queue").isEqualTo("baerum");
        assertThat(DeliveryTask.deferred("2026-11-28T06:00", 7).messageGroup()).isEqualTo("deferred");
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
        assertThat(DeliveryTask.parse(DeliveryTask.deferred("2026-11-28T06:00", 7).toJson()).progressKey())
                .isEqualTo("PROGRESS#DEFER#2026-11-28T06:00#07");
        DeliveryTask chained = DeliveryTask.chained("p1", "frogner", 3, 16, 4);
        assertThat(DeliveryTask.parse(chained.toJson())).isEqualTo(chained);
        assertThatThrownBy(() -> DeliveryTask.parse("{\"kind\":\"shard\"}")).isInstanceOf(IllegalArgumentException.class);
    }
}
