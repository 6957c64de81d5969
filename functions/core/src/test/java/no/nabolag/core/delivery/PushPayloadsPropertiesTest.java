package no.nabolag.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import no.nabolag.core.json.Json;

/** Over random Unicode text (any code point, any length up to several platform limits), every push fits. */
class PushPayloadsPropertiesTest {
    private static final Instant NOW = Instant.parse("2026-11-28T20:00:00Z");
    private static final List<String> ENDPOINTS = List.of(
            "arn:aws:sns:eu-north-1:123456789012:endpoint/APNS/nabolag-oslo/0f3c",
            "arn:aws:sns:eu-north-1:123456789012:endpoint/APNS_SANDBOX/nabolag-oslo/0f3c",
            "arn:aws:sns:eu-north-1:123456789012:endpoint/GCM/nabolag-oslo/0f3c",
            "arn:unknown");

    record Draft(String title, String body, boolean urgent, String endpoint, String platform) {
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(6_000);
        Arbitrary<String> words = Arbitraries.strings().withCharRange('a', 'å').withChars("æøÆØÅ\"\\\n\t€🚰")
                .ofMinLength(1).ofMaxLength(14).list().ofMaxSize(900).map(list -> String.join(" ", list));
        return Arbitraries.oneOf(anything, words);
    }

    @Provide
    Arbitrary<Draft> drafts() {
        Arbitrary<String> titles = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(120), texts());
        return Combinators.combine(titles, texts(), Arbitraries.of(true, false), Arbitraries.of(ENDPOINTS),
                Arbitraries.of("ios", "android")).as(Draft::new);
    }

    @Property(tries = 200)
    void everyMessageAndItsPlatformPayloadFitInTheLimitAndCarryThePostId(@ForAll("drafts") Draft draft)
            throws Exception {
        DeliveryPost post = new DeliveryPost("0123456789abcdef0123456789abcdef", "PUBLISHED", List.of("frogner"),
                List.of("youth"), draft.title(), draft.body(), null, null, draft.urgent(), null);

        PushMessage push = new PushPayloads(post, NOW).messageFor(new Recipient("d1", draft.endpoint(),
                draft.platform(), "nb", "frogner"));

        assertThat(bytes(push.message())).isLessThanOrEqualTo(PushPayloads.MAX_PAYLOAD_BYTES);
        JsonNode envelope = Json.readTree(push.message());
        String platformKey = envelope.has("GCM") ? "GCM" : envelope.has("APNS") ? "APNS" : "APNS_SANDBOX";
        String payload = envelope.get(platformKey).asText();
        assertThat(bytes(payload)).isLessThanOrEqualTo(PushPayloads.MAX_PAYLOAD_BYTES);
        JsonNode platform = Json.readTree(payload);
        assertThat(platform.has("aps") ? platform.get("postId").asText() : platform.at("/fcmV1Message/message/data/postId").asText())
                .isEqualTo(post.postId());
    }

    @Property(tries = 200)
    void aShortenedBodyIsTheStartOfTheTextWithAnEllipsisAndAShortTitleStaysWhole(@ForAll("texts") String body,
                                                                                 @ForAll boolean ios) {
        String title = "Viktig melding fra bydelen";

        NotificationText shown = PushPayloads.preview(ios ? "ios" : "android", title, body, false);

        assertThat(shown.title()).isEqualTo(title);
        if (shown.shortened()) {
            assertThat(shown.body()).endsWith(NotificationText.ELLIPSIS);
            String kept = shown.body().substring(0, shown.body().length() - NotificationText.ELLIPSIS.length());
            assertThat(body).startsWith(kept);
        } else {
            assertThat(shown.body()).isEqualTo(body);
        }
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
