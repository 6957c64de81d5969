package no.nabolag.local.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import no.nabolag.aws.post.AwsPostPublication;
import no.nabolag.aws.post.DynamoDbPostStore;
import no.nabolag.core.json.Json;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostPublication;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.StateChange;
import no.nabolag.core.subscription.AudienceShard;
import no.nabolag.local.LocalStack;
import no.nabolag.local.sns.Push;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Test data for delivery on the local stack: devices with real SNS endpoints, their Devices and Subscriptions items
 * written exactly as docs/data-model.md says, posts published through {@link PostPublication}, and the pushes each
 * device received as the SNS emulator logged them. Every id carries a run prefix, so tests never see others' data.
 */
final class DeliveryWorld {
    static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    record TestDevice(String deviceId, String platform, String token, String endpointArn, String locale,
                      String timeZone, String quietStart, String quietEnd, Map<String, List<String>> choices) {
        boolean quietAt(Instant now) {
            if (quietStart == null) {
                return false;
            }
            var local = now.atZone(ZoneId.of(timeZone)).toLocalTime();
            var start = java.time.LocalTime.parse(quietStart);
            var end = java.time.LocalTime.parse(quietEnd);
            return start.isBefore(end) ? !local.isBefore(start) && local.isBefore(end)
                    : !local.isBefore(start) || local.isBefore(end);
        }
    }

    /** What a device received: the post and the title shown. */
    record Received(String postId, String title, String body, String threadId) {
    }

    final LocalStack stack;
    final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final int shards;
    private final PostPublication publication;
    private final DynamoDbPostStore posts;

    DeliveryWorld(LocalStack stack) {
        this.stack = stack;
        this.shards = Integer.parseInt(stack.settingsOf("DeliveryFunction").get("AUDIENCE_SHARDS", "16"));
        this.publication = AwsPostPublication.from(stack.settingsOf("SchedulerFunction"), stack.dynamoDb(), stack.sqs(),
                Clock.systemUTC());
        this.posts = new DynamoDbPostStore(stack.dynamoDb(), stack.tableName("PostsTable"));
    }

    String district(String name) {
        return run + "-" + name;
    }

    /** A device id of this run that falls into the given audience shard. */
    String deviceIdInShard(int shard, int seq) {
        for (int i = 0; ; i++) {
            String id = run + "d" + seq + "x" + i;
            if (AudienceShard.of(id, shards) == shard) {
                return id;
            }
        }
    }

    /** A quiet window (device-local "HH:mm") around now: [now - hoursBefore, now + minutesAfter). */
    static String[] quietAround(String timeZone, int hoursBefore, int minutesAfter) {
        ZonedDateTime local = ZonedDateTime.now(ZoneId.of(timeZone)).truncatedTo(ChronoUnit.MINUTES);
        return new String[] {local.minusHours(hoursBefore).format(HH_MM), local.plusMinutes(minutesAfter).format(HH_MM)};
    }

    /** A quiet window that does not contain now: [now + 4h, now + 6h). */
    static String[] quietLater(String timeZone) {
        ZonedDateTime local = ZonedDateTime.now(ZoneId.of(timeZone));
        return new String[] {local.plusHours(4).format(HH_MM), local.plusHours(6).format(HH_MM)};
    }

    TestDevice device(String deviceId, String platform, String locale, String timeZone, String[] quiet,
                      Map<String, List<String>> choices) {
        String token = "tok-" + deviceId;
        String application = platform.equals("ios") ? stack.apnsPlatformApplicationArn()
                : stack.fcmPlatformApplicationArn();
        // Set-up: devices that registered over weeks, so above the emulator's CreatePlatformEndpoint rate.
        String endpointArn = stack.snsEmulator().withoutCreateEndpointLimit(() -> stack.sns().createPlatformEndpoint(
                r -> r.platformApplicationArn(application).token(token)).endpointArn());
        TestDevice device = new TestDevice(deviceId, platform, token, endpointArn, locale, timeZone,
                quiet == null ? null : quiet[0], quiet == null ? null : quiet[1], choices);
        write(device);
        return device;
    }

    private void write(TestDevice d) {
        String now = Instant.now().toString();
        Map<String, AttributeValue> quiet = d.quietStart() == null ? null
                : Map.of("start", AttributeValue.fromS(d.quietStart()), "end", AttributeValue.fromS(d.quietEnd()));
        Map<String, AttributeValue> device = new HashMap<>();
        device.put("deviceId", AttributeValue.fromS(d.deviceId()));
        device.put("secretHash", AttributeValue.fromS("00"));
        device.put("platform", AttributeValue.fromS(d.platform()));
        device.put("pushToken", AttributeValue.fromS(d.token()));
        device.put("endpointArn", AttributeValue.fromS(d.endpointArn()));
        device.put("locale", AttributeValue.fromS(d.locale()));
        device.put("timeZone", AttributeValue.fromS(d.timeZone()));
        if (quiet != null) {
            device.put("quietHours", AttributeValue.fromM(quiet));
        }
        device.put("active", AttributeValue.fromBool(true));
        device.put("createdAt", AttributeValue.fromS(now));
        device.put("updatedAt", AttributeValue.fromS(now));
        stack.dynamoDb().putItem(r -> r.tableName(stack.tableName("DevicesTable")).item(device));

        Map<String, AttributeValue> choices = new HashMap<>();
        d.choices().forEach((district, categories) -> choices.put(district,
                AttributeValue.fromL(categories.stream().map(AttributeValue::fromS).toList())));
        List<WriteRequest> writes = new ArrayList<>();
        d.choices().forEach((district, categories) -> {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("deviceId", AttributeValue.fromS(d.deviceId()));
            item.put("districtId", AttributeValue.fromS(district));
            item.put("tenantId", AttributeValue.fromS("oslo"));
            item.put("categories", AttributeValue.fromSs(categories));
            item.put("choices", AttributeValue.fromM(choices));
            item.put("audienceShard", AttributeValue.fromS(AudienceShard.key(district, d.deviceId(), shards)));
            item.put("platform", AttributeValue.fromS(d.platform()));
            item.put("endpointArn", AttributeValue.fromS(d.endpointArn()));
            item.put("locale", AttributeValue.fromS(d.locale()));
            item.put("timeZone", AttributeValue.fromS(d.timeZone()));
            if (quiet != null) {
                item.put("quietHours", AttributeValue.fromM(quiet));
            }
            item.put("active", AttributeValue.fromBool(true));
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        });
        for (int i = 0; i < writes.size(); i += 25) {
            List<WriteRequest> batch = writes.subList(i, Math.min(writes.size(), i + 25));
            var response = stack.dynamoDb().batchWriteItem(r -> r.requestItems(
                    Map.of(stack.tableName("SubscriptionsTable"), batch)));
            if (response.hasUnprocessedItems() && !response.unprocessedItems().isEmpty()) {
                throw new IllegalStateException("unprocessed subscription writes");
            }
        }
    }

    Post post(String title, List<String> districts, List<String> categories, boolean urgent, boolean english) {
        Instant now = Instant.now();
        String postId = run + "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        return new Post(postId, "oslo", "org-" + run, "Bydel " + run, districts, categories, title,
                "Tekst til " + title, english ? title + " (en)" : null, english ? "Text of " + title : null, null,
                urgent, null, now.plus(Duration.ofDays(2)), now, now, PostStatus.ACCEPTED, now, null,
                List.of(new StateChange(PostStatus.ACCEPTED, now, "test", null)), null);
    }

    /** Stores and publishes the post as the publisher does (feed entries, fan-out message, PUBLISHED). */
    Post publish(Post post) {
        publication.submit(post);
        return post;
    }

    /** Stores a post as PUBLISHED without a fan-out message: only the test's own delivery messages deliver it. */
    Post storePublished(Post post) {
        Instant now = Instant.now();
        Post published = new Post(post.postId(), post.tenantId(), post.organizationId(), post.organizationName(),
                post.districtIds(), post.categoryIds(), post.title(), post.body(), post.titleEn(), post.bodyEn(),
                post.url(), post.urgent(), post.publishAt(), post.expiresAt(), post.createdAt(), now,
                PostStatus.PUBLISHED, now, null, List.of(new StateChange(PostStatus.PUBLISHED, now, "test", null)),
                null);
        posts.create(published);
        return published;
    }

    Post reload(String postId) {
        return posts.find(postId).orElseThrow();
    }

    void awaitIdle() {
        stack.awaitIdle(Duration.ofSeconds(120));
    }

    /** The pushes each given device received (as SNS accepted them), in order. */
    Map<String, List<Received>> received(Collection<TestDevice> devices) {
        Map<String, String> byEndpoint = devices.stream()
                .collect(Collectors.toMap(TestDevice::endpointArn, TestDevice::deviceId));
        Map<String, List<Received>> result = new LinkedHashMap<>();
        devices.forEach(d -> result.put(d.deviceId(), new ArrayList<>()));
        for (Push push : stack.snsEmulator().pushes()) {
            String deviceId = byEndpoint.get(push.endpointArn());
            if (deviceId != null) {
                result.get(deviceId).add(parse(push));
            }
        }
        return result;
    }

    static Received parse(Push push) {
        try {
            JsonNode payload = Json.readTree(push.message());
            if (payload.has("aps")) {
                return new Received(payload.get("postId").asText(), payload.at("/aps/alert/title").asText(),
                        payload.at("/aps/alert/body").asText(), payload.at("/aps/thread-id").asText());
            }
            JsonNode message = payload.at("/fcmV1Message/message");
            return new Received(message.at("/data/postId").asText(), message.at("/notification/title").asText(),
                    message.at("/notification/body").asText(), null);
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable push " + push.message(), e);
        }
    }

    Set<String> postIdsOf(List<Received> received) {
        return received.stream().map(Received::postId).collect(Collectors.toCollection(HashSet::new));
    }
}
