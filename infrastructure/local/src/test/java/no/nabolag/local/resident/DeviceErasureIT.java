package no.nabolag.local.resident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * Erasure is final (issue 12): after DELETE answers 204 nothing of the device remains, whatever runs at the same
 * time — its item, its subscription items and audience entries, its deferred pushes, its token and its endpoint.
 */
class DeviceErasureIT {
    private static final int ROUNDS = 8;
    private static final int WRITERS = 4;
    private final LocalStack stack = LocalStack.shared();
    private final ResidentHttp http = new ResidentHttp(stack.baseUrl());
    private final TestCatalog catalog = TestCatalog.shared(stack);

    static List<Map<String, AttributeValue>> tokenItemsOf(LocalStack stack, String deviceId) {
        return stack.dynamoDb().scan(r -> r.tableName(stack.tableName("DevicesTable")).consistentRead(true)
                        .filterExpression("ownerDeviceId = :d")
                        .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(deviceId)))).items();
    }

    private List<Map<String, AttributeValue>> subscriptionItems(String deviceId) {
        return stack.dynamoDb().query(r -> r.tableName(stack.tableName("SubscriptionsTable")).consistentRead(true)
                .keyConditionExpression("deviceId = :d")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(deviceId)))).items();
    }

    /** Audience entries of the district (every shard up to 99) that belong to the device. */
    private List<Map<String, AttributeValue>> audienceEntries(String districtId, String deviceId) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int shard = 0; shard < 100; shard++) {
            String key = districtId + "#" + (shard < 10 ? "0" : "") + shard;
            found.addAll(stack.dynamoDb().query(r -> r.tableName(stack.tableName("SubscriptionsTable"))
                    .indexName("audience").keyConditionExpression("audienceShard = :k AND deviceId = :d")
                    .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(key),
                            ":d", AttributeValue.fromS(deviceId)))).items());
        }
        return found;
    }

    private List<Map<String, AttributeValue>> deferralsOf(String deviceId) {
        return stack.dynamoDb().scan(r -> r.tableName(stack.tableName("DeliveryTable")).consistentRead(true)
                .filterExpression("deviceId = :d")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(deviceId)))).items();
    }

    private void assertNothingRemains(String districtId, String deviceId, String endpointArn) {
        assertThat(Endpoints.deviceItem(stack, deviceId)).as("device item").isEmpty();
        assertThat(subscriptionItems(deviceId)).as("subscription items").isEmpty();
        assertThat(audienceEntries(districtId, deviceId)).as("audience entries").isEmpty();
        assertThat(deferralsOf(deviceId)).as("deferred pushes").isEmpty();
        assertThat(tokenItemsOf(stack, deviceId)).as("token ownership").isEmpty();
        if (endpointArn != null) {
            assertThatThrownBy(() -> stack.sns().getEndpointAttributes(r -> r.endpointArn(endpointArn)))
                    .as("endpoint").isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void anErasureRacingSubscriptionWritesIsFinalAndTheDistrictCanThenBeRetiredWithNoOneLeftToMatch()
            throws Exception {
        String district = catalog.freshDistrict();
        String body = "{\"subscriptions\":[{\"districtId\":\"" + district + "\",\"categories\":[\"news\"]}]}";
        List<String> tokens = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                // Arrange: a device with its endpoint (every other round: still being made) following the district.
                ResidentHttp.Device device = http.register(round % 2 == 0 ? "android" : "ios", "nb");
                tokens.add(device.token());
                String arn = round % 2 == 0 ? Endpoints.awaitArn(stack, device.deviceId()) : null;
                assertThat(http.subscribe(device, body).status()).isEqualTo(200);
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger written = new AtomicInteger();
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    writers.add(pool.submit(() -> {
                        while (!stop.get()) {
                            if (http.subscribe(device, body).status() == 200) {
                                written.incrementAndGet();
                            }
                        }
                    }));
                }
                Endpoints.sleep(40L * (round % 4));

                // Act
                var deleted = http.send("DELETE", "/v1/devices/" + device.deviceId(), null, device.bearer());

                // Assert: right after the 204, and again once the writers have given up.
                assertThat(deleted.status()).isEqualTo(204);
                String endpoint = arn;
                assertNothingRemains(district, device.deviceId(), endpoint);
                stop.set(true);
                for (Future<?> writer : writers) {
                    writer.get(60, TimeUnit.SECONDS);
                }
                stack.awaitIdle(java.time.Duration.ofSeconds(60));
                assertNothingRemains(district, device.deviceId(), endpoint);
                assertThat(http.get("/v1/devices/" + device.deviceId() + "/subscriptions", device.bearer()).status())
                        .isEqualTo(401);
            }
        } finally {
            pool.shutdownNow();
        }

        // The district has no follower left: it can be retired, and a post to it reaches no one.
        var retired = http.send("DELETE", "/admin/v1/tenants/" + catalog.tenantId + "/districts/" + district, null,
                "Bearer " + stack.adminToken());
        assertThat(retired.status()).as(retired.body()).isIn(200, 204);
        Publishing publishing = new Publishing(stack);
        String postId = publishing.publishAndDeliver(catalog.tenantId, List.of(district), List.of("news"),
                "Etter sletting");
        for (String token : tokens) {
            assertThat(publishing.pushesOf(postId, token)).as(token).isZero();
        }
    }

    @Test
    void aPushDeferredByQuietHoursIsErasedWithTheDevice() {
        // Arrange: quiet hours around now, so the post's push is deferred.
        String district = catalog.freshDistrict();
        ResidentHttp.Device device = http.register("android", "nb");
        String arn = Endpoints.awaitArn(stack, device.deviceId());
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Europe/Oslo"));
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        assertThat(http.subscribe(device, "{\"subscriptions\":[{\"districtId\":\"" + district
                + "\",\"categories\":[\"news\"]}],\"quietHours\":{\"start\":\"" + now.minusHours(1).format(hhmm)
                + "\",\"end\":\"" + now.plusHours(2).format(hhmm) + "\"}}").status()).isEqualTo(200);
        String postId = new Publishing(stack).publishAndDeliver(catalog.tenantId, List.of(district), List.of("news"),
                "Om natta");
        assertThat(deferralsOf(device.deviceId())).as("the push of " + postId + " waits for the morning").isNotEmpty();

        // Act
        var deleted = http.send("DELETE", "/v1/devices/" + device.deviceId(), null, device.bearer());

        // Assert
        assertThat(deleted.status()).isEqualTo(204);
        assertNothingRemains(district, device.deviceId(), arn);
    }
}
