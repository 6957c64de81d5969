package no.nabolag.core.organization;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import no.nabolag.core.security.Base64Url;
import no.nabolag.core.security.SigningKeys;

/**
 * The token in a publisher link's path: {@code base64url(payload) "." base64url(HMAC-SHA256(key, "link\n" + payload))}
 * where payload = {@code linkId "\n" organizationId "\n" expiresAt(epoch s) "\n" keyId}. The HMAC covers exactly
 * these four fields; the constant "link" prefix keeps these signatures apart from other uses of the same keys
 * (feed cursors, form tokens). The key is chosen by the key id inside the payload, so old links survive a rotation
 * while their key stays in the secret. Verification is constant-time ({@link SigningKeys#verify}) and accepts only the
 * canonical base64url spelling of both parts ({@link Base64Url}), so a link has exactly one token.
 */
public final class LinkTokens {
    private static final String PURPOSE = "link\n";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** Tokens are about 150 characters; anything much longer is not ours and is not worth hashing. */
    private static final int MAX_TOKEN_LENGTH = 512;

    private final SigningKeys keys;

    public LinkTokens(SigningKeys keys) {
        this.keys = keys;
    }

    /** Signs with the current key. */
    public String sign(String linkId, String organizationId, Instant expiresAt) {
        requireId(linkId);
        requireId(organizationId);
        String keyId = keys.currentKeyId();
        String payload = linkId + "\n" + organizationId + "\n" + expiresAt.getEpochSecond() + "\n" + keyId;
        byte[] signature = keys.sign(PURPOSE + payload);
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(signature);
    }

    /** The token's claims if it is well-formed and its signature verifies; empty for anything tampered with. */
    public Optional<LinkClaims> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        // Canonical spellings only: the HMAC covers the decoded payload, so a second spelling of it would verify.
        Optional<byte[]> payloadBytes = Base64Url.decode(token.substring(0, dot));
        if (payloadBytes.isEmpty()) {
            return Optional.empty();
        }
        String payload = new String(payloadBytes.get(), StandardCharsets.UTF_8);
        String[] parts = payload.split("\n", -1);
        if (parts.length != 4 || !ID.matcher(parts[0]).matches() || !ID.matcher(parts[1]).matches()
                || !ID.matcher(parts[3]).matches()) {
            return Optional.empty();
        }
        if (!keys.verify(parts[3], PURPOSE + payload, token.substring(dot + 1))) {
            return Optional.empty();
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new LinkClaims(parts[0], parts[1], Instant.ofEpochSecond(expiry), parts[3]));
    }

    private static void requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Not a URL-safe id");
        }
    }
}
