package no.nabolag.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import no.nabolag.core.json.Json;
import org.junit.jupiter.api.Test;

class PushPayloadsTest {
    private static final Instant NOW = Instant.parse("2026-11-28T20:00:00Z");
    private final DeliveryPost post = new DeliveryPost("p42", "PUBLISHED", List.of("frogner"), List.of("youth"),
            "Stengt vei \"Bygdøy allé\"", "Gravearbeid i natt", "Road closed", "Roadworks tonight", true,
            NOW.plusSeconds(3600));

    @Test
    void iosGetsAnApnsAlertThreadedByDistrictWithCollapseIdAndExpiry() throws Exception {
        PushMessage push = new PushPayloads(post, NOW)
                .messageFor(new Recipient("dev1", "arn:aws:sns:eu-north-1:1:endpoint/APNS/app/e1", "ios", "nb", "frogner"));

        JsonNode envelope = Json.readTree(push.message());
        JsonNode apns = Json.readTree(envelope.get("APNS").asText());
        assertThat(envelope.has("APNS_SANDBOX")).as("only the key of the endpoint's platform application").isFalse();
        assertThat(apns.at("/aps/alert/title").asText()).isEqualTo("Stengt vei \"Bygdøy allé\"");
        assertThat(apns.at("/aps/alert/body").asText()).isEqualTo("Gravearbeid i natt");
        assertThat(apns.at("/aps/thread-id").asText()).isEqualTo("frogner");
        assertThat(apns.get("deepLink").asText()).isEqualTo("nabolag://posts/p42");
        assertThat(push.attributes())
                .containsEntry("AWS.SNS.MOBILE.APNS.COLLAPSE_ID", "p42")
                .containsEntry("AWS.SNS.MOBILE.APNS.TTL", "3600")
                .containsEntry("AWS.SNS.MOBILE.APNS.PRIORITY", "10");
        assertThat(push.targetArn()).endsWith("/e1");
    }

    @Test
    void androidGetsAnFcmV1MessageWithNotificationAndData() throws Exception {
        PushMessage push = new PushPayloads(post, NOW)
                .messageFor(new Recipient("dev2", "arn:e2", "android", "nb", "frogner"));

        JsonNode gcm = Json.readTree(Json.readTree(push.message()).get("GCM").asText());
        JsonNode message = gcm.at("/fcmV1Message/message");
        assertThat(message.at("/notification/title").asText()).startsWith("Stengt vei");
        assertThat(message.at("/data/postId").asText()).isEqualTo("p42");
        assertThat(message.at("/data/deepLink").asText()).isEqualTo("nabolag://posts/p42");
        assertThat(message.at("/android/ttl").asText()).isEqualTo("3600s");
        assertThat(push.attributes()).containsEntry("AWS.SNS.MOBILE.FCM.TTL", "3600");
    }

    @Test
    void aNonNorwegianDeviceReadsTheEnglishVersion() throws Exception {
        PushPayloads payloads = new PushPayloads(post, NOW);

        assertThat(title(payloads.messageFor(new Recipient("d", "arn", "android", "de-DE", "frogner")))).isEqualTo("Road closed");
        assertThat(title(payloads.messageFor(new Recipient("d", "arn", "android", "en", "frogner")))).isEqualTo("Road closed");
        assertThat(title(payloads.messageFor(new Recipient("d", "arn", "android", "nn", "frogner")))).startsWith("Stengt");
        assertThat(title(payloads.messageFor(new Recipient("d", "arn", "android", "no", "frogner")))).startsWith("Stengt");
    }

    @Test
    void withoutAnEnglishVersionEveryoneReadsNorwegian() throws Exception {
        DeliveryPost norwegianOnly = new DeliveryPost("p1", "PUBLISHED", List.of("frogner"), List.of("youth"),
                "Tittel", "Tekst", null, null, false, null);
        PushMessage push = new PushPayloads(norwegianOnly, NOW)
                .messageFor(new Recipient("d", "arn", "android", "en", "frogner"));

        assertThat(title(push)).isEqualTo("Tittel");
        assertThat(push.attributes()).containsEntry("AWS.SNS.MOBILE.FCM.TTL",
                Long.toString(PushPayloads.DEFAULT_TTL.toSeconds()));
    }

    private static String title(PushMessage push) throws Exception {
        JsonNode gcm = Json.readTree(Json.readTree(push.message()).get("GCM").asText());
        return gcm.at("/fcmV1Message/message/notification/title").asText();
    }

    @Test
    void aSandboxEndpointGetsTheSandboxKeyAndAnUnknownArnBoth() throws Exception {
        PushPayloads payloads = new PushPayloads(post, NOW);

        JsonNode sandbox = Json.readTree(payloads.messageFor(new Recipient("d",
                "arn:aws:sns:eu-north-1:1:endpoint/APNS_SANDBOX/app/e1", "ios", "nb", "frogner")).message());
        JsonNode unknown = Json.readTree(payloads.messageFor(new Recipient("d", "arn:x", "ios", "nb", "frogner"))
                .message());

        assertThat(sandbox.has("APNS_SANDBOX")).isTrue();
        assertThat(sandbox.has("APNS")).isFalse();
        assertThat(unknown.get("APNS").asText()).isEqualTo(unknown.get("APNS_SANDBOX").asText());
    }

    @Test
    void aLongNorwegianNoticeIsShortenedToFitWithTheTitleWholeAndThePostIdToOpenIt() throws Exception {
        String body = "Bydel Frogner varsler om stengt vann i Bygdøy allé, Gyldenløves gate og Niels Juels gate. "
                .repeat(44);
        DeliveryPost longPost = new DeliveryPost("p42", "PUBLISHED", List.of("frogner"), List.of("youth"),
                "Vannet stenges i natt", body, null, null, false, null);

        PushMessage push = new PushPayloads(longPost, NOW).messageFor(new Recipient("d",
                "arn:aws:sns:eu-north-1:1:endpoint/GCM/app/e1", "android", "nb", "frogner"));

        assertThat(body.length()).isGreaterThan(3900);
        assertThat(push.message().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(PushPayloads.MAX_PAYLOAD_BYTES);
        JsonNode message = Json.readTree(Json.readTree(push.message()).get("GCM").asText()).at("/fcmV1Message/message");
        assertThat(message.at("/notification/title").asText()).isEqualTo("Vannet stenges i natt");
        assertThat(message.at("/notification/body").asText()).startsWith("Bydel Frogner varsler om stengt vann")
                .endsWith("…").hasSizeGreaterThan(2500);
        assertThat(message.at("/data/postId").asText()).isEqualTo("p42");
    }
}
