package no.nabolag.devices;

import java.time.Clock;
import java.time.Duration;
import no.nabolag.aws.device.DynamoDbDeferredPushes;
import no.nabolag.aws.device.DynamoDbDeviceStore;
import no.nabolag.aws.device.DynamoDbEndpointOwnership;
import no.nabolag.aws.device.SnsPushEndpoints;
import no.nabolag.aws.subscription.DynamoDbSubscriptionStore;
import no.nabolag.core.config.Settings;
import no.nabolag.core.device.DeviceErasure;
import no.nabolag.core.subscription.AudienceShard;
import no.nabolag.core.subscription.AudienceShardCount;
import no.nabolag.core.subscription.SubscriptionService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** What both device functions build the same way: the stores, the subscriptions and the erasure. */
final class DeviceWiring {
    final DynamoDbDeviceStore devices;
    final DynamoDbEndpointOwnership ownership;
    final SnsPushEndpoints endpoints;
    final SubscriptionService subscriptions;
    final DeviceErasure erasure;

    DeviceWiring(Settings settings, DynamoDbClient dynamoDb, SnsClient sns, AudienceShardCount shardCount,
                 Clock clock) {
        // Settings read where each store is made: TemplatePolicyActionsTest ties a class's calls to these names.
        this.devices = new DynamoDbDeviceStore(dynamoDb, settings.require("DEVICES_TABLE"));
        this.ownership = new DynamoDbEndpointOwnership(dynamoDb, settings.require("DEVICES_TABLE"));
        this.endpoints = new SnsPushEndpoints(sns);
        this.subscriptions = new SubscriptionService(
                new DynamoDbSubscriptionStore(dynamoDb, settings.require("SUBSCRIPTIONS_TABLE")), devices,
                settings.getInt("AUDIENCE_SHARDS", AudienceShard.DEFAULT_SHARDS), shardCount, clock);
        this.erasure = new DeviceErasure(devices, subscriptions,
                new DynamoDbDeferredPushes(dynamoDb, settings.require("DELIVERY_TABLE")), ownership, endpoints, clock,
                DeviceWiring::sleep);
    }

    static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
