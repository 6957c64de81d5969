package no.nabolag.local.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import no.nabolag.core.post.Post;
import no.nabolag.local.LocalStack;
import no.nabolag.local.LocalStackConfig;
import no.nabolag.local.delivery.DeliveryWorld.TestDevice;
import no.nabolag.local.sns.Push;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The emergency lane and fair turns, with pacing on: while a big post of tenant A is delivered at the paced rate, an
 * urgent post's pushes all leave within 5 seconds of its acceptance (its own queue, workers and share of the rate),
 * and a small post of tenant B does not wait for A's to finish. Runs on a stack of its own deployed with a low push
 * rate (250/s: 150/s reserved for urgent posts, 100/s for the rest) and the template's 5-second time slice.
 */
class DeliveryLanesIT {
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        // As `sam deploy --parameter-overrides`; DeliveryConcurrency and UrgentDeliveryConcurrency keep their
        // default, 2 each, and the delivery functions the template's 5-second time slice.
        stack = LocalStack.start(LocalStackConfig.defaults().withParameter("PushRatePerSecond", "250")
                .withParameter("UrgentPushRatePerSecond", "150").withSeed(false).withSchedules(false).withPort(0));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void anUrgentPostLeavesWithinFiveSecondsAndAnotherTenantsPostTakesItsTurnWhileABigPostIsPaced()
            throws Exception {
        // Arrange: both lanes warm (in AWS SnapStart restores a snapshot of the initialised function; here the first
        // invocation would load the SDK's classes), then tenant A's post to 1,500 devices: 15 s at the ordinary 100/s
        DeliveryWorld world = new DeliveryWorld(stack);
        String warmDistrict = world.district("w");
        List<TestDevice> warm = devices(world, "w", warmDistrict, 4);
        world.publish(world.post("Prøvevarsel", List.of(warmDistrict), List.of("emergency"), true, false));
        world.publish(world.post("Prøve", List.of(warmDistrict), List.of("emergency"), false, false));
        stack.awaitIdle(Duration.ofSeconds(60));
        assertThat(world.received(warm).values()).allSatisfy(pushes -> assertThat(pushes).hasSize(2));
        String bigDistrict = world.district("a");
        String smallDistrict = world.district("b");
        String urgentDistrict = world.district("u");
        List<TestDevice> big = devices(world, "a", bigDistrict, 1500);
        List<TestDevice> small = devices(world, "b", smallDistrict, 100);
        List<TestDevice> urgent = devices(world, "u", urgentDistrict, 300);
        Post bigPost = world.post("Bydelsdagen", List.of(bigDistrict), List.of("emergency"), false, false);
        Post smallPost = tenant(world.post("Loppemarked", List.of(smallDistrict), List.of("emergency"), false, false),
                "baerum");
        Post urgentPost = world.post("Kok vannet", List.of(urgentDistrict), List.of("emergency"), true, false);

        // Act: A's post is accepted; 2 s later, while it is being delivered, B's post and an urgent post
        world.publish(bigPost);
        Thread.sleep(2_000);
        Instant smallAccepted = Instant.now();
        world.publish(smallPost);
        Instant urgentAccepted = Instant.now();
        world.publish(urgentPost);
        stack.awaitIdle(Duration.ofSeconds(180));

        // Assert: everyone got exactly their post once
        for (List<TestDevice> group : List.of(big, small, urgent)) {
            assertThat(world.received(group).values()).allSatisfy(pushes -> assertThat(pushes).hasSize(1));
        }
        Instant bigLast = lastPush(big);
        Instant smallLast = lastPush(small);
        Instant urgentLast = lastPush(urgent);
        System.out.printf("lanes: urgent (300) last push %d ms after acceptance; B (100) %d ms; A (1,500) ends %d ms"
                        + " after B's acceptance%n", Duration.between(urgentAccepted, urgentLast).toMillis(),
                Duration.between(smallAccepted, smallLast).toMillis(),
                Duration.between(smallAccepted, bigLast).toMillis());
        assertThat(Duration.between(urgentAccepted, urgentLast)).as("urgent post's last push after acceptance")
                .isLessThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(urgentLast).as("the urgent post did not wait for A's").isBefore(bigLast);
        assertThat(smallLast).as("B's post took turns with A's instead of waiting for it")
                .isBefore(bigLast.minusSeconds(5));
    }

    private static Post tenant(Post post, String tenantId) {
        return new Post(post.postId(), tenantId, post.organizationId(), post.organizationName(), post.districtIds(),
                post.categoryIds(), post.title(), post.body(), post.titleEn(), post.bodyEn(), post.url(), post.urgent(),
                post.publishAt(), post.expiresAt(), post.createdAt(), post.publishedAt(), post.status(),
                post.statusAt(), post.reason(), post.history(), post.figures());
    }

    /** Devices with endpoints and subscription items, written on a few threads. */
    private static List<TestDevice> devices(DeliveryWorld world, String prefix, String district, int count)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<TestDevice>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = world.run + prefix + i;
                futures.add(pool.submit(() -> world.device(id, id.hashCode() % 2 == 0 ? "ios" : "android", "nb",
                        "UTC", null, Map.of(district, List.of("emergency")))));
            }
            List<TestDevice> devices = Collections.synchronizedList(new ArrayList<>());
            for (Future<TestDevice> future : futures) {
                devices.add(future.get());
            }
            return devices;
        } finally {
            pool.shutdown();
        }
    }

    private static Instant lastPush(List<TestDevice> devices) {
        Set<String> endpoints = devices.stream().map(TestDevice::endpointArn).collect(Collectors.toSet());
        return stack.snsEmulator().pushes().stream().filter(p -> endpoints.contains(p.endpointArn()))
                .map(Push::at).map(Instant::parse).max(Instant::compareTo).orElseThrow();
    }
}
