package no.nabolag.local.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import no.nabolag.aws.delivery.DynamoDbDeliveryLedger;
import no.nabolag.aws.delivery.SqsDeliveryQueue;
import no.nabolag.core.config.Settings;
import no.nabolag.core.delivery.DeferralRelease;
import no.nabolag.core.delivery.DeliveryTask;
import no.nabolag.core.post.DeliveryFigures;
import no.nabolag.core.post.Post;
import no.nabolag.core.subscription.AudienceShard;
import no.nabolag.delivery.DeliveryHandler;
import no.nabolag.local.LocalStack;
import no.nabolag.local.delivery.DeliveryWorld.Received;
import no.nabolag.local.delivery.DeliveryWorld.TestDevice;
import no.nabolag.local.wiring.LocalContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Fan-out and delivery on the local stack, through the real SDK: posts are published as the publisher does, the
 * stack's fan-out and delivery functions push through the SNS emulator, and each device's pushes are compared with
 * what an independent oracle in the test expects.
 */
class DeliveryIT {
    private static final List<String> CATEGORIES = List.of("youth", "seniors", "culture-events", "roads-water",
            "emergency");
    private static final List<String> ZONES = List.of("Europe/Oslo", "America/New_York", "Asia/Tokyo", "UTC",
            "Pacific/Auckland");
    private static final List<String> LOCALES = List.of("nb", "nn", "no", "en", "de", "pl");
    private static final Set<String> NORWEGIAN = Set.of("nb", "nn", "no");

    private static LocalStack stack;
    private DeliveryWorld world;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.shared();
    }

    @BeforeEach
    void newWorld() {
        world = new DeliveryWorld(stack);
    }

    // ------------------------------------------------------------------ the oracle

    /** What a device should have received of the posts, computed from the rules alone (not from delivery's code). */
    private static List<Received> expected(TestDevice device, List<Post> posts, Instant now) {
        List<Received> expected = new ArrayList<>();
        for (Post post : posts) {
            String delivering = null;
            for (String district : post.districtIds()) {
                List<String> chosen = device.choices().get(district);
                if (chosen != null && chosen.stream().anyMatch(post.categoryIds()::contains)) {
                    delivering = district;
                    break;
                }
            }
            if (delivering == null || (!post.urgent() && device.quietAt(now))) {
                continue;
            }
            boolean english = !NORWEGIAN.contains(device.locale()) && post.titleEn() != null;
            expected.add(new Received(post.postId(), english ? post.titleEn() : post.title(),
                    english ? post.bodyEn() : post.body(), device.platform().equals("ios") ? delivering : null));
        }
        return expected;
    }

    private static <T> List<T> pick(Random random, List<T> from, int min, int max) {
        List<T> copy = new ArrayList<>(from);
        java.util.Collections.shuffle(copy, random);
        return List.copyOf(copy.subList(0, min + random.nextInt(max - min + 1)));
    }

    @Test
    void eachDeviceReceivesExactlyThePostsTheOracleExpectsOnceInItsLanguage() {
        // Arrange: 200 devices with varied districts, categories, languages, time zones and quiet hours
        Random random = new Random(world.run.hashCode());
        List<String> districts = List.of(world.district("a"), world.district("b"), world.district("c"),
                world.district("d"));
        List<TestDevice> devices = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Map<String, List<String>> choices = new LinkedHashMap<>();
            for (String district : pick(random, districts, 1, 3)) {
                choices.put(district, pick(random, CATEGORIES, 1, 3));
            }
            String zone = ZONES.get(random.nextInt(ZONES.size()));
            String[] quiet = switch (random.nextInt(3)) {
                case 0 -> null;
                case 1 -> DeliveryWorld.quietAround(zone, 3, 180);
                default -> DeliveryWorld.quietLater(zone);
            };
            devices.add(world.device(world.run + "dev" + i, random.nextBoolean() ? "ios" : "android",
                    LOCALES.get(random.nextInt(LOCALES.size())), zone, quiet, choices));
        }
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            posts.add(world.post("Melding " + i, pick(random, districts, 1, 3), pick(random, CATEGORIES, 1, 3),
                    i == 2, i % 2 == 0));
        }

        // Act
        Instant now = Instant.now();
        posts.forEach(world::publish);
        world.awaitIdle();

        // Assert: per device, exactly the oracle's pushes, none twice
        Map<String, List<Received>> received = world.received(devices);
        for (TestDevice device : devices) {
            List<Received> got = received.get(device.deviceId());
            assertThat(got).as("pushes of %s", device).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected(device, posts, now));
        }
        assertThat(received.values().stream().mapToInt(List::size).sum()).as("pushes in all").isGreaterThan(50);
        for (Post post : posts) {
            long sent = devices.stream().filter(d -> expected(d, List.of(post), now).size() == 1).count();
            long matched = devices.stream().filter(d -> post.districtIds().stream().anyMatch(district ->
                    d.choices().getOrDefault(district, List.of()).stream().anyMatch(post.categoryIds()::contains)))
                    .count();
            DeliveryFigures figures = world.reload(post.postId()).figures();
            assertThat(figures.sent()).as("sent of " + post.postId()).isEqualTo(sent);
            assertThat(figures.matched()).as("matched of " + post.postId()).isEqualTo(matched);
            assertThat(figures.deferred()).as("deferred of " + post.postId()).isEqualTo(matched - sent);
            if (sent > 0) {
                assertThat(figures.firstPushAt()).isNotNull();
                assertThat(figures.lastPushAt()).isAfterOrEqualTo(figures.firstPushAt());
            }
        }
    }

    // ------------------------------------------------------------------ redelivery

    private static SQSEvent event(String messageId, DeliveryTask task) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(messageId);
        message.setBody(task.toJson());
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    private static Settings with(Settings base, String name, String value) {
        Map<String, String> values = new HashMap<>();
        for (String key : List.of("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_SNS", "SUBSCRIPTIONS_TABLE",
                "DEVICES_TABLE", "POSTS_TABLE", "DELIVERY_TABLE", "DELIVERY_QUEUE_URL", "PUSH_RATE_PER_SECOND",
                "DELIVERY_CONCURRENCY", "PUSH_CONCURRENCY", "AUDIENCE_PAGE_SIZE", "AUDIENCE_SHARDS")) {
            base.find(key).ifPresent(v -> values.put(key, v));
        }
        values.put(name, value);
        return Settings.of(values);
    }

    @Test
    void aShardRedeliveredMidWayAndContinuedElsewherePushesEachDeviceOnce() {
        // Arrange: 14 devices in one audience shard, a handler reading pages of 4
        String district = world.district("r");
        int shard = 5;
        List<TestDevice> devices = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            devices.add(world.device(world.deviceIdInShard(shard, i), i % 2 == 0 ? "ios" : "android", "nb", "UTC",
                    null, Map.of(district, List.of("youth"))));
        }
        Post post = world.storePublished(world.post("Omstart", List.of(district), List.of("youth"), false, false));
        DeliveryHandler handler = new DeliveryHandler(with(stack.settingsOf("DeliveryFunction"), "AUDIENCE_PAGE_SIZE", "4"));
        SQSEvent message = event("m-" + world.run, DeliveryTask.shard(post.postId(), district, shard));

        // Act: the first invocation runs out of time after one page and hands the rest to a continuation message
        // (which the stack's delivery function picks up); meanwhile SQS redelivers the original message twice.
        SQSBatchResponse first = handler.handleRequest(message, remaining(1_000));
        SQSBatchResponse redelivered = handler.handleRequest(message, remaining(300_000));
        world.awaitIdle();
        SQSBatchResponse late = handler.handleRequest(message, remaining(300_000));

        // Assert
        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(redelivered.getBatchItemFailures()).isEmpty();
        assertThat(late.getBatchItemFailures()).isEmpty();
        Map<String, List<Received>> received = world.received(devices);
        assertThat(received.values()).allSatisfy(pushes -> assertThat(pushes).extracting(Received::postId)
                .containsExactly(post.postId()));
        assertThat(world.reload(post.postId()).figures().sent()).isEqualTo(14);
        var pages = stack.dynamoDb().query(q -> q.tableName(stack.tableName("DeliveryTable"))
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk",
                        AttributeValue.fromS("PROGRESS#" + post.postId() + "#" + AudienceShard.key(district, shard)))))
                .items();
        assertThat(pages).extracting(item -> item.get("sk").s()).contains("PAGE#000000");
    }

    // ------------------------------------------------------------------ failures

    @Test
    void devicesWhoseTokensAreRejectedAreMarkedInactiveAndSkippedNextTime() {
        String district = world.district("x");
        List<TestDevice> devices = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            devices.add(world.device(world.run + "rej" + i, i % 2 == 0 ? "ios" : "android", "nb", "UTC", null,
                    Map.of(district, List.of("youth"))));
        }
        stack.snsEmulator().rejectToken(devices.get(1).token());
        stack.snsEmulator().rejectToken(devices.get(4).token());

        Post first = world.publish(world.post("Første", List.of(district), List.of("youth"), false, false));
        world.awaitIdle();
        Post second = world.publish(world.post("Andre", List.of(district), List.of("youth"), false, false));
        world.awaitIdle();

        Map<String, List<Received>> received = world.received(devices);
        assertThat(received.get(devices.get(1).deviceId())).isEmpty();
        assertThat(received.get(devices.get(4).deviceId())).isEmpty();
        assertThat(received.get(devices.get(0).deviceId())).extracting(Received::postId)
                .containsExactly(first.postId(), second.postId());
        for (TestDevice rejected : List.of(devices.get(1), devices.get(4))) {
            assertThat(stack.dynamoDb().getItem(g -> g.tableName(stack.tableName("DevicesTable"))
                    .key(Map.of("deviceId", AttributeValue.fromS(rejected.deviceId())))).item().get("active").bool())
                    .isFalse();
            assertThat(stack.dynamoDb().getItem(g -> g.tableName(stack.tableName("SubscriptionsTable"))
                    .key(Map.of("deviceId", AttributeValue.fromS(rejected.deviceId()),
                            "districtId", AttributeValue.fromS(district)))).item().get("active").bool()).isFalse();
        }
        DeliveryFigures firstFigures = world.reload(first.postId()).figures();
        assertThat(firstFigures.disabled()).isEqualTo(2);
        assertThat(firstFigures.sent()).isEqualTo(4);
        DeliveryFigures secondFigures = world.reload(second.postId()).figures();
        assertThat(secondFigures.disabled()).isZero();
        assertThat(secondFigures.matched()).isEqualTo(4);
        assertThat(secondFigures.sent()).isEqualTo(4);
    }

    @Test
    void underThrottlingEverythingIsStillDeliveredExactlyOnce() {
        String district = world.district("t");
        List<TestDevice> devices = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            devices.add(world.device(world.run + "thr" + i, i % 3 == 0 ? "ios" : "android", "en", "UTC", null,
                    Map.of(district, List.of("emergency"))));
        }
        stack.snsEmulator().throttleNextPublishes(25);

        Post post = world.publish(world.post("Flom", List.of(district), List.of("emergency"), true, true));
        world.awaitIdle();

        assertThat(world.received(devices).values()).allSatisfy(pushes ->
                assertThat(pushes).extracting(Received::title).containsExactly("Flom (en)"));
        assertThat(world.reload(post.postId()).figures().sent()).isEqualTo(30);
    }

    // ------------------------------------------------------------------ quiet hours

    @Test
    void aPushDeferredByQuietHoursIsDeliveredOnceWhenTheyEnd() {
        String district = world.district("q");
        List<TestDevice> asleep = new ArrayList<>();
        List<TestDevice> awake = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String zone = ZONES.get(i);
            asleep.add(world.device(world.run + "sl" + i, i % 2 == 0 ? "ios" : "android", "nb", zone,
                    DeliveryWorld.quietAround(zone, 1, 3), Map.of(district, List.of("culture-events"))));
        }
        for (int i = 0; i < 3; i++) {
            awake.add(world.device(world.run + "aw" + i, "android", "nb", "Europe/Oslo", null,
                    Map.of(district, List.of("culture-events"))));
        }
        Post post = world.publish(world.post("Konsert", List.of(district), List.of("culture-events"), false, false));
        world.awaitIdle();

        assertThat(world.received(asleep).values()).allSatisfy(pushes -> assertThat(pushes).isEmpty());
        assertThat(world.received(awake).values()).allSatisfy(pushes -> assertThat(pushes).hasSize(1));
        assertThat(world.reload(post.postId()).figures().deferred()).isEqualTo(5);

        // Act: the scheduler's deferral duty runs after the quiet hours ended (a clock 5 minutes ahead), twice
        Settings scheduler = stack.settingsOf("SchedulerFunction");
        DeferralRelease release = new DeferralRelease(
                new DynamoDbDeliveryLedger(stack.dynamoDb(), scheduler.require("DELIVERY_TABLE")),
                new SqsDeliveryQueue(stack.sqs(), scheduler.require("DELIVERY_QUEUE_URL")),
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5)));
        assertThat(release.release()).isNotEmpty();
        world.awaitIdle();
        release.release();
        stack.runSchedule("SchedulerFunction");
        world.awaitIdle();

        // Assert
        assertThat(world.received(asleep).values()).allSatisfy(pushes ->
                assertThat(pushes).extracting(Received::postId).containsExactly(post.postId()));
        assertThat(world.received(awake).values()).allSatisfy(pushes -> assertThat(pushes).hasSize(1));
        assertThat(world.reload(post.postId()).figures().sent()).isEqualTo(8);
    }

    @SuppressWarnings("unused")
    private static Set<String> ids(List<TestDevice> devices) {
        return devices.stream().map(TestDevice::deviceId).collect(Collectors.toSet());
    }

    /** A Lambda context with the given remaining time, to force (or not) a continuation. */
    private static LocalContext remaining(int millis) {
        return LocalContext.withRemainingTime("DeliveryFunction", () -> millis);
    }
}
