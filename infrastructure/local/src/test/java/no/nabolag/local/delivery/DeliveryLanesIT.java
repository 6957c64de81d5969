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
 * urgent post's pushes all leave within 5 seconds of its acceptance (its own queue, workers and reserved share of the
 * rate), and a small post of tenant B does not wait for A's to finish. Runs on a stack of its own deployed with a low
 * push rate, 250/s shared by both lanes (SharedPushRate): the ordinary lane has all of it while no urgent post is
 * being sent and leaves 150/s to the urgent lane while one is; and the template's 5-second time slice.
 */
class DeliveryLanesIT {
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        // As `sam deploy --parameter-overrides`; DeliveryConcurrency and UrgentDeliveryConcurrency keep their
        // default, 2 each, and the delivery functions the template's 5-second time slice.
        stack = LocalStack.start(LocalStackConfig.defaults().withParameter("PushRatePerSecond", "250")
                .withParameter("UrgentPushRatePerSecond", "150").withSeed(false).withSchedules(false).withPort(0));
        // As SNS does at the account's quota: Publish calls above 250/s are refused with Throttling.
        stack.snsEmulator().publishesPerSecond(250);
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
        // invocation would load the SDK's classes), then tenant A's post to 3,000 devices: 12 s at the whole 250/s
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
        List<TestDevice> big = devices(world, "a", bigDistrict, 3000);
        List<TestDevice> small = devices(world, "b", smallDistrict, 100);
        List<TestDevice> urgent = devices(world, "u", urgentDistrict, 300);
        Post bigPost = world.post("Bydelsdagen", List.of(bigDistrict), List.of("emergency"), false, false);
        Post smallPost = tenant(world.post("Loppemarked", List.of(smallDistrict), List.of("emergency"), false, false),
                "baerum");
        Post urgentPost = world.post("Kok vannet", List.of(urgentDistrict), List.of("emergency"), true, false);

        // Act: A's post is accepted; 1.5 s into its pushes, while it is being delivered, B's post and an urgent post
        world.publish(bigPost);
        awaitFirstPush(big, Duration.ofSeconds(30));
        Thread.sleep(1_500);
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
        Instant urgentFirst = firstPush(urgent);
        long bigBeforeUrgent = pushesBetween(big, urgentAccepted.minusMillis(1_200), urgentAccepted.minusMillis(200));
        long bigWhileUrgent = pushesBetween(big, urgentFirst, urgentLast);
        double urgentSeconds = Duration.between(urgentFirst, urgentLast).toMillis() / 1000.0;
        System.out.printf("lanes: urgent (300) last push %d ms after acceptance; B (100) %d ms; A (3,000) ends %d ms"
                        + " after B's acceptance; A's pushes in the second before the urgent post %d, while it was"
                        + " pushed %d in %.2f s%n", Duration.between(urgentAccepted, urgentLast).toMillis(),
                Duration.between(smallAccepted, smallLast).toMillis(),
                Duration.between(smallAccepted, bigLast).toMillis(), bigBeforeUrgent, bigWhileUrgent, urgentSeconds);
        assertThat(Duration.between(urgentAccepted, urgentLast)).as("urgent post's last push after acceptance")
                .isLessThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(urgentLast).as("the urgent post did not wait for A's").isBefore(bigLast);
        assertThat(smallLast).as("B's post took turns with A's instead of waiting for it")
                .isBefore(bigLast.minusSeconds(5));
        assertThat(stack.snsEmulator().publishesOverQuota()).as("pushes SNS refused for the account's quota: the"
                + " two lanes together kept to it").isZero();
        assertThat(bigBeforeUrgent).as("with no urgent post, the ordinary lane borrows the urgent reserve (100/s of"
                + " its own)").isGreaterThan(150);
        // At most the rest of the rate (100/s), give or take one slot claimed before the urgent mark and the
        // permits the ordinary workers held.
        assertThat(bigWhileUrgent).as("while the urgent post is sent, the ordinary lane leaves it the reserve")
                .isLessThanOrEqualTo(Math.round(100 * urgentSeconds) + 40);
    }

    private static void awaitFirstPush(List<TestDevice> devices, Duration timeout) throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        while (pushTimes(devices).isEmpty()) {
            assertThat(Instant.now()).as("the big post's first push").isBefore(until);
            Thread.sleep(20);
        }
    }

    private static Instant firstPush(List<TestDevice> devices) {
        return pushTimes(devices).get(0);
    }

    private static Instant lastPush(List<TestDevice> devices) {
        List<Instant> times = pushTimes(devices);
        return times.get(times.size() - 1);
    }

    private static long pushesBetween(List<TestDevice> devices, Instant from, Instant to) {
        return pushTimes(devices).stream().filter(at -> !at.isBefore(from) && at.isBefore(to)).count();
    }

    /** When the SNS emulator accepted each push to these devices, earliest first. */
    private static List<Instant> pushTimes(List<TestDevice> devices) {
        Set<String> endpoints = devices.stream().map(TestDevice::endpointArn).collect(Collectors.toSet());
        return stack.snsEmulator().pushes().stream().filter(p -> endpoints.contains(p.endpointArn()))
                .map(Push::at).map(Instant::parse).sorted().toList();
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
}
