package no.nabolag.core.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import no.nabolag.core.error.InvalidInputException;
import no.nabolag.core.json.Json;
import no.nabolag.core.security.SigningKeys;

/**
 * Opaque, tamper-evident cursors of post lists, as the feed's: base64url(JSON {s: list, a: statusAt, p: postId})
 * "." keyId "." base64url(HMAC-SHA256). The list ("&lt;tenantId&gt;#&lt;status&gt;") binds a cursor to the list
 * that issued it, so a cursor of one tenant's list can never read another tenant's. Signatures are checked on the
 * decoded bytes in constant time ({@link SigningKeys#verify}); a key id kept in the secret keeps its cursors valid.
 */
public final class PostListCursor {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private final SigningKeys keys;

    public PostListCursor(SigningKeys keys) {
        this.keys = keys;
    }

    /** The list a cursor belongs to: one tenant's posts in one state. */
    public static String list(String tenantId, PostStatus status) {
        return tenantId + "#" + status.name();
    }

    public String encode(String list, PostPosition position) {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("s", list);
        payload.put("a", position.statusAt());
        payload.put("p", position.postId());
        String body = ENCODER.encodeToString(Json.write(payload).getBytes(StandardCharsets.UTF_8));
        String keyId = keys.currentKeyId();
        return body + "." + keyId + "." + ENCODER.encodeToString(keys.sign(signed(body, keyId)));
    }

    /** The position a cursor stands for; invalid input (400 on "cursor") when altered, forged or of another list. */
    public PostPosition decode(String list, String cursor) {
        String[] parts = cursor == null ? new String[0] : cursor.split("\\.", -1);
        try {
            if (parts.length == 3 && canonical(parts[0]) && canonical(parts[2])
                    && keys.verify(parts[1], signed(parts[0], parts[1]), DECODER.decode(parts[2]))) {
                JsonNode node = Json.readTree(new String(DECODER.decode(parts[0]), StandardCharsets.UTF_8));
                if (list.equals(node.path("s").asText()) && node.path("a").isTextual() && node.path("p").isTextual()) {
                    return new PostPosition(node.path("a").asText(), node.path("p").asText());
                }
            }
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            // falls through to the same answer as a bad signature
        }
        throw new InvalidInputException("cursor",
                "is not a cursor this list issued (altered, or from another tenant or status); start again without it");
    }

    /** Only the one base64url spelling we write is accepted (no padding, no stray bits in the last character). */
    private static boolean canonical(String base64) {
        try {
            return ENCODER.encodeToString(DECODER.decode(base64)).equals(base64);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String signed(String body, String keyId) {
        return "post-list-cursor|" + keyId + "|" + body;
    }
}
