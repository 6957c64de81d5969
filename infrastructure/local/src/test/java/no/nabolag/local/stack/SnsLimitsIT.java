package no.nabolag.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import no.nabolag.core.json.Json;
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
import software.amazon.awssdk.services.sns.model.Endpoint;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.ListEndpointsByPlatformApplicationResponse;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PlatformApplication;
import software.amazon.awssdk.services.sns.model.SnsException;

/** The limits of SNS mobile push that our code can hit, enforced by the emulator, through the real SnsClient. */
class SnsLimitsIT {
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

    private static String application(String platform) {
        return sns.createPlatformApplication(r -> r.name("tenant-" + UUID.randomUUID()).platform(platform)
                .attributes(Map.of("PlatformCredential", "secret-key"))).platformApplicationArn();
    }

    private static String json(String apns, String gcm, String fallback) {
        StringBuilder message = new StringBuilder("{\"default\":").append(Json.write(fallback));
        if (apns != null) {
            message.append(",\"APNS\":").append(Json.write(apns)).append(",\"APNS_SANDBOX\":").append(Json.write(apns));
        }
        if (gcm != null) {
            message.append(",\"GCM\":").append(Json.write(gcm));
        }
        return message.append('}').toString();
    }

    /** An APNs payload of exactly n bytes of UTF-8. */
    private static String apnsPayload(int bytes) {
        String head = "{\"aps\":{\"alert\":\"";
        String tail = "\"}}";
        return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
    }

    // ------------------------------------------------------------------ message size

    @Test
    void thePlatformMessageIsAtMost4096BytesOfUtf8() {
        String apns = endpoint(stack.apnsPlatformApplicationArn(), token());
        String sandbox = endpoint(application("APNS_SANDBOX"), token());
        String gcm = endpoint(stack.fcmPlatformApplicationArn(), token());
        String twoByteChars = "{\"data\":\"" + "ø".repeat(2045) + "\"}"; // 2,056 characters, 4,101 bytes

        sns.publish(r -> r.targetArn(apns).messageStructure("json").message(json(apnsPayload(4096), null, "x")));

        assertThatThrownBy(() -> sns.publish(r -> r.targetArn(apns).messageStructure("json")
                .message(json(apnsPayload(4097), null, "x"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("4097 bytes");
        assertThatThrownBy(() -> sns.publish(r -> r.targetArn(sandbox).messageStructure("json")
                .message(json(apnsPayload(4097), null, "x"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("APNS_SANDBOX");
        assertThatThrownBy(() -> sns.publish(r -> r.targetArn(gcm).messageStructure("json")
                .message(json(null, twoByteChars, "x"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("4101 bytes");
        assertThatThrownBy(() -> sns.publish(r -> r.targetArn(gcm).messageStructure("json")
                .message(json(apnsPayload(100), null, "y".repeat(4097)))))
                .as("the default entry, when the platform has none").isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> sns.publish(r -> r.targetArn(gcm).message("z".repeat(5000))))
                .as("a plain message").isInstanceOf(InvalidParameterException.class);
        assertThat(stack.snsEmulator().pushes()).filteredOn(p -> p.endpointArn().equals(apns)).singleElement()
                .satisfies(p -> assertThat(p.message()).hasSize(4096));
    }

    // ------------------------------------------------------------------ endpoint attributes

    @Test
    void customUserDataIsAtMost2048Bytes() {
        String arn = sns.createPlatformEndpoint(r -> r.platformApplicationArn(stack.fcmPlatformApplicationArn())
                .token(token()).customUserData("d".repeat(2048))).endpointArn();

        assertThatThrownBy(() -> sns.createPlatformEndpoint(r -> r.platformApplicationArn(stack.fcmPlatformApplicationArn())
                .token(token()).customUserData("ø".repeat(1025))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("CustomUserData");
        assertThatThrownBy(() -> sns.setEndpointAttributes(r -> r.endpointArn(arn)
                .attributes(Map.of("CustomUserData", "e".repeat(2049), "Enabled", "false"))))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(sns.getEndpointAttributes(r -> r.endpointArn(arn)).attributes())
                .as("a refused change changes nothing").containsEntry("CustomUserData", "d".repeat(2048))
                .containsEntry("Enabled", "true");
    }

    @Test
    void enabledIsOnlyTrueOrFalse() {
        String arn = endpoint(stack.apnsPlatformApplicationArn(), token());

        assertThatThrownBy(() -> sns.setEndpointAttributes(r -> r.endpointArn(arn).attributes(Map.of("Enabled", "yes"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Enabled must be true or false");
        assertThatThrownBy(() -> sns.createPlatformEndpoint(r -> r.platformApplicationArn(stack.apnsPlatformApplicationArn())
                .token(token()).attributes(Map.of("Enabled", "1"))))
                .isInstanceOf(InvalidParameterException.class);
        sns.setEndpointAttributes(r -> r.endpointArn(arn).attributes(Map.of("Enabled", "false")));
        assertThat(sns.getEndpointAttributes(r -> r.endpointArn(arn)).attributes()).containsEntry("Enabled", "false");
    }

    @Test
    void platformIsOnlyOneOfTheDocumentedPlatforms() {
        for (String platform : SnsEmulator.PLATFORMS) {
            assertThat(application(platform)).contains(":app/" + platform + "/");
        }
        assertThatThrownBy(() -> application("FCM")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Platform");
        assertThatThrownBy(() -> application("apns")).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void aMalformedArnIsInvalidParameterNotNotFoundOrSuccess() {
        String malformedEndpoint = "arn:aws:sns:eu-north-1:000000000000:nope";
        String wellFormedUnknown = "arn:aws:sns:eu-north-1:000000000000:endpoint/GCM/nabolag-fcm/"
                + UUID.randomUUID();

        assertThatThrownBy(() -> sns.getEndpointAttributes(r -> r.endpointArn("not-an-arn")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("EndpointArn");
        assertThatThrownBy(() -> sns.setEndpointAttributes(r -> r.endpointArn(malformedEndpoint)
                .attributes(Map.of("Enabled", "true")))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> sns.deleteEndpoint(r -> r.endpointArn(malformedEndpoint)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> sns.publish(r -> r.targetArn(malformedEndpoint).message("x")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("TargetArn");
        assertThatThrownBy(() -> endpoint("arn:aws:sns:eu-north-1:000000000000:app/GCM", token()))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("PlatformApplicationArn");
        assertThatThrownBy(() -> sns.getPlatformApplicationAttributes(r -> r.platformApplicationArn("arn:nope")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> sns.getEndpointAttributes(r -> r.endpointArn(wellFormedUnknown)))
                .as("well formed but unknown").isInstanceOf(NotFoundException.class);
    }

    // ------------------------------------------------------------------ the token index

    @Test
    void theTokenIndexStaysConsistentWhenATokenMovesBetweenEndpointsAndOneIsDeleted() {
        String app = application("GCM");
        String first = token();
        String second = token();
        String a = endpoint(app, first);
        String b = endpoint(app, second);

        // b takes a's token, then a is deleted: b still holds it and is what CreatePlatformEndpoint finds.
        sns.setEndpointAttributes(r -> r.endpointArn(b).attributes(Map.of("Token", first)));
        sns.deleteEndpoint(r -> r.endpointArn(a));
        String again = endpoint(app, first);
        String forSecond = endpoint(app, second);
        // b moves on: the old token now makes a new endpoint.
        sns.setEndpointAttributes(r -> r.endpointArn(b).attributes(Map.of("Token", token())));
        String fresh = endpoint(app, first);

        assertThat(again).isEqualTo(b);
        assertThat(forSecond).as("b's old token is free").isNotIn(a, b);
        assertThat(fresh).isNotIn(a, b);
        assertThat(stack.snsEmulator().endpointsWithToken(app, first)).containsExactly(fresh);
        assertThat(stack.snsEmulator().endpointsWithToken(app, second)).containsExactly(forSecond);
    }

    // ------------------------------------------------------------------ several applications and lists

    @Test
    void severalApplicationsEachWithTheirOwnEndpointsAndAttributes() {
        String oslo = application("APNS");
        String bergen = application("APNS");
        String token = token();

        String inOslo = endpoint(oslo, token);
        String inBergen = endpoint(bergen, token);
        List<String> listed = new ArrayList<>();
        sns.listPlatformApplicationsPaginator(r -> { }).platformApplications()
                .forEach(app -> listed.add(app.platformApplicationArn()));
        Map<String, String> attributes = sns.getPlatformApplicationAttributes(r -> r.platformApplicationArn(oslo))
                .attributes();

        assertThat(inOslo).isNotEqualTo(inBergen).contains("/" + oslo.substring(oslo.lastIndexOf('/') + 1) + "/");
        assertThat(listed).contains(oslo, bergen, stack.apnsPlatformApplicationArn(), stack.fcmPlatformApplicationArn())
                .doesNotHaveDuplicates();
        assertThat(attributes).containsEntry("Enabled", "true").doesNotContainKey("PlatformCredential");
        assertThat(sns.listPlatformApplications().platformApplications()).extracting(PlatformApplication::attributes)
                .noneMatch(a -> a.containsKey("PlatformCredential"));
    }

    @Test
    void listEndpointsByPlatformApplicationPagesByAHundredWithNextToken() {
        String app = application("GCM");
        Set<String> created = stack.snsEmulator().withoutCreateEndpointLimit(() -> {
            Set<String> arns = new HashSet<>();
            for (int i = 0; i < 250; i++) {
                arns.add(endpoint(app, token()));
            }
            return arns;
        });

        ListEndpointsByPlatformApplicationResponse first = sns.listEndpointsByPlatformApplication(
                r -> r.platformApplicationArn(app));
        ListEndpointsByPlatformApplicationResponse second = sns.listEndpointsByPlatformApplication(
                r -> r.platformApplicationArn(app).nextToken(first.nextToken()));
        ListEndpointsByPlatformApplicationResponse third = sns.listEndpointsByPlatformApplication(
                r -> r.platformApplicationArn(app).nextToken(second.nextToken()));
        List<String> all = sns.listEndpointsByPlatformApplicationPaginator(r -> r.platformApplicationArn(app)).endpoints()
                .stream().map(Endpoint::endpointArn).toList();

        assertThat(first.endpoints()).hasSize(100);
        assertThat(first.nextToken()).isNotBlank();
        assertThat(second.endpoints()).hasSize(100);
        assertThat(third.endpoints()).hasSize(50);
        assertThat(third.nextToken()).isNull();
        assertThat(first.endpoints().get(0).attributes()).containsKeys("Token", "Enabled");
        assertThat(all).hasSize(250).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThatThrownBy(() -> sns.listEndpointsByPlatformApplication(r -> r.platformApplicationArn(app)
                .nextToken("made-up"))).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void queryStringGetRequestsWorkAsWellAsPost() throws Exception {
        String app = stack.fcmPlatformApplicationArn();
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> attributes = http.send(HttpRequest.newBuilder(URI.create(stack.snsEmulator().endpoint()
                + "/?Action=GetPlatformApplicationAttributes&Version=2010-03-31&PlatformApplicationArn="
                + URLEncoder.encode(app, StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(stack.snsEmulator().endpoint()
                + "/?Action=ListPlatformApplications")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(attributes.statusCode()).isEqualTo(200);
        assertThat(attributes.body()).contains("<GetPlatformApplicationAttributesResult>", "<key>Enabled</key>");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("<PlatformApplicationArn>" + app + "</PlatformApplicationArn>");
    }

    // ------------------------------------------------------------------ the CreatePlatformEndpoint rate

    @Test
    void createPlatformEndpointIsLimitedToItsRatePerSecond() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI limits = URI.create(stack.baseUrl() + "/_local/sns/limits");
        HttpResponse<String> configured = http.send(HttpRequest.newBuilder(limits).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> lowered = http.send(HttpRequest.newBuilder(limits).POST(HttpRequest.BodyPublishers.ofString(
                "{\"createPlatformEndpointPerSecond\": 5}")).build(), HttpResponse.BodyHandlers.ofString());
        try (SnsClient noRetries = SnsClient.builder().endpointOverride(stack.snsEmulator().endpoint())
                .region(Region.EU_NORTH_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            int created = 0;
            List<SnsException> throttled = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                try {
                    noRetries.createPlatformEndpoint(r -> r.platformApplicationArn(stack.fcmPlatformApplicationArn())
                            .token(token()));
                    created++;
                } catch (SnsException e) {
                    throttled.add(e);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Thread.sleep(300);
            String afterAPause = noRetries.createPlatformEndpoint(r -> r.platformApplicationArn(
                    stack.fcmPlatformApplicationArn()).token(token())).endpointArn();

            assertThat(configured.body()).as("the local parameter file's rate, AWS's 30/s")
                    .isEqualTo("{\"createPlatformEndpointPerSecond\":30}");
            assertThat(lowered.statusCode()).isEqualTo(204);
            assertThat(created).as("one second's burst plus what refilled in " + seconds + " s")
                    .isBetween(5, 5 + (int) Math.ceil(seconds * 5));
            assertThat(throttled).isNotEmpty().allSatisfy(e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                assertThat(e.isThrottlingException()).isTrue();
            });
            assertThat(afterAPause).isNotBlank();
        } finally {
            stack.snsEmulator().createEndpointsPerSecond(30);
        }
    }
}
