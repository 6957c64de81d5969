package no.nabolag.local.resident;

import no.nabolag.core.catalog.App;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import no.nabolag.aws.catalog.DynamoDbCurrentCatalog;
import no.nabolag.aws.device.DynamoDbDeviceStore;
import no.nabolag.aws.subscription.DistrictSubscribers;
import no.nabolag.aws.subscription.DynamoDbAudienceShardCount;
import no.nabolag.aws.subscription.DynamoDbSubscriptionStore;
import no.nabolag.core.device.AppPlatforms;
import no.nabolag.core.device.Device;
import no.nabolag.core.device.DeviceSecret;
import no.nabolag.core.device.Platform;
import no.nabolag.core.device.TokenKeys;
import no.nabolag.core.subscription.AudienceShard;
import no.nabolag.core.subscription.AudienceShardCount;
import no.nabolag.core.subscription.SubscriptionChoice;
import no.nabolag.core.subscription.SubscriptionService;
import no.nabolag.core.subscription.Subscriptions;
import no.nabolag.fanout.FanoutHandler;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Changing AudienceShards neither drops nor duplicates residents (issue 12): subscriptions written with 16 shards and
 * then some re-written with 4 are all read by fan-out and by the district-retirement check, each once.
 */
class AudienceShardsIT {
    private static final int DEVICES = 40;
    private final LocalStack stack = LocalStack.shared();
    private final TestCatalog catalog = TestCatalog.shared(stack);
    private final DynamoDbDeviceStore devices = new DynamoDbDeviceStore(stack.dynamoDb(), stack.tableName("DevicesTable"));
    private final DynamoDbSubscriptionStore items = new DynamoDbSubscriptionStore(stack.dynamoDb(),
            stack.tableName("SubscriptionsTable"));
    private final DynamoDbAudienceShardCount stored = new DynamoDbAudienceShardCount(stack.dynamoDb(),
            stack.tableName("CatalogTable"));

    private SubscriptionService writtenWith(int shards) {
        return new SubscriptionService(items, devices, shards, stored, Clock.systemUTC());
    }

    /** A device with an endpoint of its own, as the endpoint worker leaves it. */
    private Device deviceWithEndpoint() {
        String token = ResidentHttp.token("android");
        String now = java.time.Instant.now().toString();
        Device device = Device.registered(DeviceSecret.newDeviceId(), App.DEFAULT_ID, DeviceSecret.hash("s"),
                Platform.ANDROID, token, "nb", "Europe/Oslo", now, now.substring(0, 10));
        devices.create(device);
        String arn = stack.sns().createPlatformEndpoint(r -> r.platformApplicationArn(stack.fcmPlatformApplicationArn())
                .token(token)).endpointArn();
        return devices.endpointReady(device.deviceId(), token, arn, TokenKeys.of(device), now)
                .flatMap(d -> devices.find(device.deviceId())).orElseThrow();
    }

    /** Device ids in the district's audience index, shard by shard, as fan-out plans and delivery reads it. */
    private Map<String, Integer> audience(String district, int shardsToRead) {
        Map<String, Integer> seen = new TreeMap<>();
        for (int shard = 0; shard < shardsToRead; shard++) {
            String key = AudienceShard.key(district, shard);
            stack.dynamoDb().queryPaginator(r -> r.tableName(stack.tableName("SubscriptionsTable")).indexName("audience")
                            .keyConditionExpression("audienceShard = :k")
                            .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(key))))
                    .items().forEach(item -> seen.merge(item.get("deviceId").s(), 1, Integer::sum));
        }
        return seen;
    }

    @Test
    void loweringTheShardCountDropsNobodyAndReadsNobodyTwice() {
        // Arrange: 40 residents subscribed while AudienceShards was 16.
        String district = catalog.freshDistrict();
        Subscriptions choice = new Subscriptions(List.of(new SubscriptionChoice(district, List.of("news"))), null);
        var current = new DynamoDbCurrentCatalog(stack.dynamoDb(), stack.tableName("CatalogTable"))
                .forDistricts(List.of(district));
        List<Device> residents = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            Device device = deviceWithEndpoint();
            writtenWith(16).replace(device, choice, current);
            residents.add(device);
        }

        // Act: AudienceShards lowered to 4; half of the residents change something and are re-sharded.
        SubscriptionService lowered = writtenWith(4);
        for (int i = 0; i < DEVICES; i += 2) {
            lowered.replace(residents.get(i), choice, current);
        }

        // Assert: fan-out with AudienceShards=4 reads max(4, stored) = 16 shards and finds every resident once.
        int toRead = FanoutHandler.shardsToRead(4, stored).getAsInt();
        assertThat(toRead).isEqualTo(AudienceShardCount.toRead(4, stored.stored())).isGreaterThanOrEqualTo(16);
        Map<String, Integer> audience = audience(district, toRead);
        Set<String> expected = new TreeSet<>(residents.stream().map(Device::deviceId).toList());
        assertThat(audience.keySet()).isEqualTo(expected);
        assertThat(audience.values()).containsOnly(1);
        assertThat(audience(district, 4).keySet()).as("with only the new count, residents would be lost")
                .hasSizeLessThan(DEVICES);

        // And the whole path: a post reaches each of them once.
        Publishing publishing = new Publishing(stack);
        String postId = publishing.publishAndDeliver(catalog.tenantId, List.of(district), List.of("news"), "Alle");
        for (Device resident : residents) {
            assertThat(publishing.pushesOf(postId, resident.pushToken())).as(resident.deviceId()).isEqualTo(1);
        }
    }

    @Test
    void aDistrictWhoseOnlyFollowerIsInAHighShardCannotBeRetired() {
        // Arrange: one follower written with 16 shards into a shard above the new count of 4.
        String district = catalog.freshDistrict();
        Subscriptions choice = new Subscriptions(List.of(new SubscriptionChoice(district, List.of("news"))), null);
        var current = new DynamoDbCurrentCatalog(stack.dynamoDb(), stack.tableName("CatalogTable"))
                .forDistricts(List.of(district));
        Device follower;
        do {
            follower = deviceWithEndpoint();
        } while (AudienceShard.of(follower.deviceId(), 16) < 4);
        writtenWith(16).replace(follower, choice, current);

        // Act
        boolean followed = new DistrictSubscribers(stack.dynamoDb(), stack.tableName("SubscriptionsTable"), 4, stored)
                .any(district);

        // Assert
        assertThat(followed).isTrue();
    }
}
