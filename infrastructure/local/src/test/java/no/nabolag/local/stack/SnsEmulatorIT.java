package no.nabolag.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nabolag.local.LocalStack;
import no.nabolag.local.sns.Push;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.EndpointDisabledException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.SnsException;

/** The SNS mobile-push emulator, spoken to with the real SnsClient. */
class SnsEmulatorIT {
    private static LocalStack stack;
    private static SnsClient sns;

    @BeforeAll
    static void start() {
        stack = LocalStack.shared();
        sns = stack.sns();
    }

    private static String token() {
        return "token-" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String endpoint(String appArn, String token) {
        return sns.createPlatformEndpoint(r -> r.platformApplicationArn(appArn).token(token)).endpointArn();
    }

    private static List<Push> pushesTo(String endpointArn) {
        return stack.snsEmulator().pushes().stream().filter(p -> p.endpointArn().equals(endpointArn)).toList();
    }

    @Test
    void createsPlatformApplicationsAndTheStackHasOneForApnsAndFcm() {
        String arn = sns.createPlatformApplication(r -> r.name("test-app-" + UUID.randomUUID()).platform("APNS_SANDBOX")
                .attributes(Map.of("PlatformCredential", "secret"))).platformApplicationArn();

        assertThat(arn).startsWith("arn:aws:sns:eu-north-1:000000000000:app/APNS_SANDBOX/test-app-");
        assertThat(stack.settingsOf("ResidentApiFunction").require("APNS_PLATFORM_APPLICATION_ARN"))
                .isEqualTo(stack.apnsPlatformApplicationArn()).contains(":app/APNS/");
        assertThat(stack.settingsOf("ResidentApiFunction").require("FCM_PLATFORM_APPLICATION_ARN"))
                .isEqualTo(stack.fcmPlatformApplicationArn()).contains(":app/GCM/");
    }

    @Test
    void createPlatformEndpointIsIdempotentForTheSameTokenAndAttributes() {
        String token = token();
        String first = sns.createPlatformEndpoint(r -> r.platformApplicationArn(stack.apnsPlatformApplicationArn())
                .token(token).customUserData("device-1")).endpointArn();
        String second = sns.createPlatformEndpoint(r -> r.platformApplicationArn(stack.apnsPlatformApplicationArn())
                .token(token).customUserData("device-1")).endpointArn();

        assertThat(second).isEqualTo(first).contains(":endpoint/APNS/nabolag-apns/");
    }

    @Test
    void createPlatformEndpointRejectsTheSameTokenWithDifferentAttributes() {
        String token = token();
        String arn = sns.createPlatformEndpoint(r -> r.platformApplicationArn(stack.apnsPlatformApplicationArn())
                .token(token).customUserData("device-1")).endpointArn();

        assertThatThrownBy(() -> sns.createPlatformEndpoint(r -> r.platformApplicationArn(stack.apnsPlatformApplicationArn())
                .token(token).customUserData("device-2")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Endpoint " + arn + " already exists with the same Token, but different attributes.");
    }

    @Test
    void createPlatformEndpointForAnUnknownApplicationIsNotFound() {
        assertThatThrownBy(() -> endpoint("arn:aws:sns:eu-north-1:000000000000:app/GCM/nope", token()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void getsAndSetsEndpointAttributes() {
        String token = token();
        String arn = sns.createPlatformEndpoint(r -> r.platformApplicationArn(stack.fcmPlatformApplicationArn())
                .token(token).customUserData("device-9")).endpointArn();

        Map<String, String> before = sns.getEndpointAttributes(r -> r.endpointArn(arn)).attributes();
        String newToken = token();
        sns.setEndpointAttributes(r -> r.endpointArn(arn).attributes(Map.of("Token", newToken, "Enabled", "false")));
        Map<String, String> after = sns.getEndpointAttributes(r -> r.endpointArn(arn)).attributes();

        assertThat(before).containsEntry("Token", token).containsEntry("Enabled", "true")
                .containsEntry("CustomUserData", "device-9");
        assertThat(after).containsEntry("Token", newToken).containsEntry("Enabled", "false");
    }

    @Test
    void deleteEndpointIsIdempotentAndAfterwardsTheEndpointIsGone() {
        String arn = endpoint(stack.apnsPlatformApplicationArn(), token());

        sns.deleteEndpoint(r -> r.endpointArn(arn));
        sns.deleteEndpoint(r -> r.endpointArn(arn));

        assertThatThrownBy(() -> sns.getEndpointAttributes(r -> r.endpointArn(arn)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> sns.publish(r -> r.targetArn(arn).message("hello")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("No endpoint found for the target arn specified");
    }

    @Test
    void publishWithJsonStructureRecordsThePlatformsPayloadAsSent() {
        String token = token();
        String apns = endpoint(stack.apnsPlatformApplicationArn(), token);
        String fcm = endpoint(stack.fcmPlatformApplicationArn(), token());
        String apnsPayload = "{\"aps\":{\"alert\":{\"title\":\"Vannbrudd\",\"body\":\"Stengt vei & <vann>\"}}}";
        String message = "{\"default\":\"Vannbrudd\",\"APNS\":" + quote(apnsPayload)
                + ",\"GCM\":" + quote("{\"notification\":{\"title\":\"Vannbrudd\"}}") + "}";

        String messageId = sns.publish(r -> r.targetArn(apns).messageStructure("json").message(message)
                .messageAttributes(Map.of("AWS.SNS.MOBILE.APNS.TTL",
                        MessageAttributeValue.builder().dataType("String").stringValue("3600").build()))).messageId();
        sns.publish(r -> r.targetArn(fcm).messageStructure("json").message(message));

        assertThat(messageId).isNotBlank();
        assertThat(pushesTo(apns)).singleElement().satisfies(push -> {
            assertThat(push.platform()).isEqualTo("APNS");
            assertThat(push.token()).isEqualTo(token);
            assertThat(push.message()).isEqualTo(apnsPayload);
            assertThat(push.messageAttributes()).containsEntry("AWS.SNS.MOBILE.APNS.TTL", "3600");
            assertThat(push.at()).isNotBlank();
        });
        assertThat(pushesTo(fcm)).singleElement().extracting(Push::message)
                .isEqualTo("{\"notification\":{\"title\":\"Vannbrudd\"}}");
    }

    @Test
    void publishWithJsonStructureNeedsADefaultEntry() {
        String arn = endpoint(stack.apnsPlatformApplicationArn(), token());

        assertThatThrownBy(() -> sns.publish(r -> r.targetArn(arn).messageStructure("json").message("{\"APNS\":\"{}\"}")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> sns.publish(r -> r.targetArn(arn).messageStructure("json").message("not json")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void publishToADisabledEndpointFailsWithEndpointDisabled() {
        String arn = endpoint(stack.apnsPlatformApplicationArn(), token());
        sns.setEndpointAttributes(r -> r.endpointArn(arn).attributes(Map.of("Enabled", "false")));

        assertThatThrownBy(() -> sns.publish(r -> r.targetArn(arn).message("hello")))
                .isInstanceOf(EndpointDisabledException.class);
        assertThat(pushesTo(arn)).isEmpty();
    }

    @Test
    void aRejectedTokenDisablesItsEndpointOnTheNextPublish() {
        String token = token();
        String arn = endpoint(stack.fcmPlatformApplicationArn(), token);
        sns.publish(r -> r.targetArn(arn).message("first"));

        stack.snsEmulator().rejectToken(token);

        assertThatThrownBy(() -> sns.publish(r -> r.targetArn(arn).message("second")))
                .isInstanceOf(EndpointDisabledException.class);
        assertThat(sns.getEndpointAttributes(r -> r.endpointArn(arn)).attributes()).containsEntry("Enabled", "false");
        assertThat(pushesTo(arn)).extracting(Push::message).containsExactly("first");
    }

    @Test
    void throttlingIsAThrottlingErrorThatTheSdkRetriesByItself() {
        String arn = endpoint(stack.apnsPlatformApplicationArn(), token());

        // One throttled attempt: the SDK's standard retry policy absorbs it and the publish succeeds.
        stack.snsEmulator().throttleNextPublishes(1);
        sns.publish(r -> r.targetArn(arn).message("after one throttle"));

        // With retries off, the caller sees it: HTTP 400, code Throttling, classified as throttling.
        try (SnsClient noRetries = SnsClient.builder().endpointOverride(stack.snsEmulator().endpoint())
                .region(software.amazon.awssdk.regions.Region.EU_NORTH_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            stack.snsEmulator().throttleNextPublishes(1);
            assertThatThrownBy(() -> noRetries.publish(r -> r.targetArn(arn).message("throttled")))
                    .isInstanceOfSatisfying(SnsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                        assertThat(e.isThrottlingException()).isTrue();
                    });
        }
        assertThat(pushesTo(arn)).extracting(Push::message).containsExactly("after one throttle");
    }

    @Test
    void theDeliveryLogIsServedAndClearedOverHttp() throws Exception {
        String token = token();
        String arn = endpoint(stack.apnsPlatformApplicationArn(), token);
        sns.publish(r -> r.targetArn(arn).message("over http"));
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> list = http.send(HttpRequest.newBuilder(stack.baseUrl().resolve("/_local/pushes")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(list.body()).contains("\"endpointArn\":\"" + arn + "\"", "\"token\":\"" + token + "\"",
                "\"platform\":\"APNS\"", "\"message\":\"over http\"", "\"at\":\"");

        HttpResponse<String> reject = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/_local/sns/rejected-tokens"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reject.statusCode()).isEqualTo(204);
        assertThatThrownBy(() -> sns.publish(r -> r.targetArn(arn).message("rejected")))
                .isInstanceOf(EndpointDisabledException.class);

        HttpResponse<String> throttle = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/_local/sns/throttle"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"publishes\": 0}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(throttle.statusCode()).isEqualTo(204);
        HttpResponse<String> badThrottle = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/_local/sns/throttle"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badThrottle.statusCode()).isEqualTo(400);
    }

    private static String quote(String json) {
        return no.nabolag.core.json.Json.write(json);
    }
}
