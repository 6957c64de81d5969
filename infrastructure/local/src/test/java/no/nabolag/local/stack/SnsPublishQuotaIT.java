package no.nabolag.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.nabolag.local.LocalStack;
import no.nabolag.local.sns.SnsEmulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * What the city benchmark needs from the SNS emulator: endpoints made in-process beyond the CreatePlatformEndpoint
 * limit, the account's Publish quota enforced as SNS does (Throttling), and a count without keeping every push.
 */
class SnsPublishQuotaIT {
    private static LocalStack stack;
    private static SnsEmulator emulator;

    @BeforeAll
    static void start() {
        stack = LocalStack.shared();
        emulator = stack.snsEmulator();
    }

    private static SnsClient clientWithoutRetries() {
        return SnsClient.builder().endpointOverride(emulator.endpoint()).region(Region.EU_NORTH_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @Test
    void endpointsMadeInProcessIgnoreTheCreateLimitAndAreIdempotentPerToken() {
        String token = "city-" + UUID.randomUUID();
        List<String> endpoints = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            endpoints.add(emulator.createPlatformEndpoint(stack.fcmPlatformApplicationArn(), token + "-" + i));
        }
        String again = emulator.createPlatformEndpoint(stack.fcmPlatformApplicationArn(), token + "-0");

        assertThat(emulator.createEndpointsPerSecond()).as("the local limit, far below 100 at once").isEqualTo(30);
        assertThat(endpoints).doesNotHaveDuplicates().allSatisfy(arn -> assertThat(arn).contains(":endpoint/GCM/"));
        assertThat(again).isEqualTo(endpoints.get(0));
        assertThat(stack.sns().getEndpointAttributes(r -> r.endpointArn(endpoints.get(99))).attributes())
                .containsEntry("Token", token + "-99").containsEntry("Enabled", "true");
    }

    @Test
    void publishesAboveTheAccountQuotaAreThrottledAndNotDelivered() {
        String endpoint = emulator.createPlatformEndpoint(stack.fcmPlatformApplicationArn(), "quota-" + UUID.randomUUID());
        long refusedBefore = emulator.publishesOverQuota();
        long deliveredBefore = emulator.publishCount();
        emulator.publishesPerSecond(5);
        int accepted = 0;
        List<SnsException> throttled = new ArrayList<>();
        long started = System.nanoTime();
        try (SnsClient sns = clientWithoutRetries()) {
            for (int i = 0; i < 20; i++) {
                try {
                    sns.publish(r -> r.targetArn(endpoint).message("{\"default\":\"Kokevarsel\"}")
                            .messageStructure("json"));
                    accepted++;
                } catch (SnsException e) {
                    throttled.add(e);
                }
            }
        } finally {
            emulator.publishesPerSecond(0);
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(accepted).as("one second's worth plus what refilled in " + seconds + " s")
                .isBetween(5, 5 + (int) Math.ceil(seconds * 5));
        assertThat(throttled).hasSize(20 - accepted).allSatisfy(e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
            assertThat(e.isThrottlingException()).isTrue();
        });
        assertThat(emulator.publishesOverQuota() - refusedBefore).isEqualTo(20 - accepted);
        assertThat(emulator.publishCount() - deliveredBefore).isEqualTo(accepted);
    }

    @Test
    void withoutKeepingPushesTheyAreStillCounted() {
        String endpoint = emulator.createPlatformEndpoint(stack.fcmPlatformApplicationArn(), "count-" + UUID.randomUUID());
        long before = emulator.publishCount();
        emulator.keepPushes(false);
        try {
            stack.sns().publish(r -> r.targetArn(endpoint).message("{\"default\":\"Kokevarsel\"}")
                    .messageStructure("json"));
        } finally {
            emulator.keepPushes(true);
        }

        assertThat(emulator.publishCount()).isEqualTo(before + 1);
        assertThat(emulator.pushes()).noneMatch(push -> push.endpointArn().equals(endpoint));
    }
}
