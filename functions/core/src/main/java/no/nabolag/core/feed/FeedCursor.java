package no.nabolag.core.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import no.nabolag.core.error.InvalidInputException;
import no.nabolag.core.json.Json;
import no.nabolag.core.security.Base64Url;
import no.nabolag.core.security.SigningKeys;

/**
 * Opaque, tamper-evident feed cursors: base64url(JSON {s: scope, k: feedKey}) "." keyId "." base64url(HMAC-SHA256).
 * The scope ("device:&lt;id&gt;" or "district:&lt;id&gt;") binds a cursor to the feed that issued it. Keys come from
 * {@link SigningKeys}, so rotation by key id keeps old cursors valid while their key is kept.
 */
public final class FeedCursor {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private final SigningKeys keys;

    public FeedCursor(SigningKeys keys) {
        this.keys = keys;
    }

    public String encode(String scope, String feedKey) {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("s", scope);
        payload.put("k", feedKey);
        String body = ENCODER.encodeToString(Json.write(payload).getBytes(StandardCharsets.UTF_8));
        String keyId = keys.currentKeyId();
        return body + "." + keyId + "." + ENCODER.encodeToString(keys.sign(signed(body, keyId)));
    }

    /** The feed key a cursor stands for; a 400 problem when it was altered, forged or issued for another feed. */
    public String decode(String scope, String cursor) {
        String[] parts = cursor == null ? new String[0] : cursor.split("\\.", -1);
        try {
            if (parts.length == 3 && keys.verify(parts[1], signed(parts[0], parts[1]), parts[2])) {
                JsonNode node = Json.readTree(new String(Base64Url.decode(parts[0]).orElseThrow(
                        IllegalArgumentException::new), StandardCharsets.UTF_8));
                if (scope.equals(node.path("s").asText()) && node.path("k").isTextual()) {
                    return node.path("k").asText();
                }
            }
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            // falls through to the same answer as a bad signature
        }
        throw new InvalidInputException("cursor",
                "is not a cursor this feed issued (altered or from another feed); start again without it");
    }

    private static String signed(String body, String keyId) {
        return "feed-cursor|" + keyId + "|" + body;
    }
}
