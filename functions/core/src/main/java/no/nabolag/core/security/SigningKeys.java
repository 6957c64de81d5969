package no.nabolag.core.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import no.nabolag.core.json.Json;

/**
 * The HMAC keys for publisher links and feed cursors, by key id. They live in a secret (Secrets Manager in AWS,
 * read through the {@link SigningSecret} port) as {"currentKeyId": "k1", "k1": "...", "k2": "..."}: new signatures
 * use the current key, old ones stay valid while their key id is still in the secret (rotation by key id).
 */
public final class SigningKeys {
    private static final String CURRENT = "currentKeyId";

    private final String currentKeyId;
    private final Map<String, byte[]> keys;

    private SigningKeys(String currentKeyId, Map<String, byte[]> keys) {
        if (!keys.containsKey(currentKeyId)) {
            throw new IllegalStateException("Signing secret has no key for currentKeyId " + currentKeyId);
        }
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(keys);
    }

    /** Loads the keys from the secret (once per container; the secret value is never logged). */
    public static SigningKeys load(SigningSecret secret) {
        return parse(secret.read());
    }

    public static SigningKeys parse(String secretJson) {
        JsonNode node;
        try {
            node = Json.readTree(secretJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Signing secret is not JSON");
        }
        String current = node.path(CURRENT).asText("");
        Map<String, byte[]> keys = new HashMap<>();
        node.fields().forEachRemaining(field -> {
            if (!field.getKey().equals(CURRENT)) {
                keys.put(field.getKey(), field.getValue().asText().getBytes(StandardCharsets.UTF_8));
            }
        });
        return new SigningKeys(current, keys);
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    public Optional<byte[]> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId)).map(byte[]::clone);
    }

    /** HMAC-SHA256 of the message with the current key. */
    public byte[] sign(String message) {
        return Hmac.sha256(keys.get(currentKeyId), message);
    }

    /**
     * Checks a signature as it travels (base64url): only its canonical spelling is decoded ({@link Base64Url}), and
     * the decoded bytes are compared in constant time. One MAC therefore has exactly one accepted spelling.
     */
    public boolean verify(String keyId, String message, String encodedSignature) {
        return Base64Url.decode(encodedSignature).map(signature -> verify(keyId, message, signature)).orElse(false);
    }

    /** Checks a signature made with the given key id, in constant time; unknown key ids never verify. */
    public boolean verify(String keyId, String message, byte[] signature) {
        byte[] key = keys.get(keyId);
        return key != null && Hmac.matches(Hmac.sha256(key, message), signature);
    }
}
