package no.nabolag.publisher;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import no.nabolag.core.security.SigningKeys;

/**
 * The form's CSRF token, bound to the link: {@code keyId.issuedAt.nonce.mac} with
 * mac = HMAC-SHA256(key, "form\n" + linkId + "\n" + issuedAt + "\n" + nonce). A fresh nonce per render; checked in
 * constant time; valid for {@link #LIFETIME} so a long post can be written at leisure. No server-side state.
 */
final class FormTokens {
    static final Duration LIFETIME = Duration.ofHours(12);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,64}\\.[0-9]{1,12}\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    enum Check { VALID, STALE, INVALID }

    private final SigningKeys keys;
    private final Clock clock;

    FormTokens(SigningKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    String issue(String linkId) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String issuedAt = Long.toString(clock.instant().getEpochSecond());
        String nonceText = ENCODER.encodeToString(nonce);
        byte[] mac = keys.sign(message(linkId, issuedAt, nonceText));
        return keys.currentKeyId() + "." + issuedAt + "." + nonceText + "." + ENCODER.encodeToString(mac);
    }

    /** VALID, STALE (genuine but too old: the form is shown again with a fresh token) or INVALID. */
    Check check(String token, String linkId) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            return Check.INVALID;
        }
        String[] parts = token.split("\\.");
        // Canonical MAC spelling only: a variant spelling of a used token must not pass as a second form.
        if (!keys.verify(parts[0], message(linkId, parts[1], parts[2]), parts[3])) {
            return Check.INVALID;
        }
        Instant issuedAt = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        Instant now = clock.instant();
        if (issuedAt.isAfter(now.plus(CLOCK_SKEW)) || issuedAt.plus(LIFETIME).isBefore(now)) {
            return Check.STALE;
        }
        return Check.VALID;
    }

    /**
     * The form's id: the signed part of a token (key id, issue time, nonce), without the MAC. Call it only for a token
     * that {@link #check} found VALID or STALE.
     */
    static String formId(String token) {
        return token.substring(0, token.lastIndexOf('.'));
    }

    private static String message(String linkId, String issuedAt, String nonce) {
        return "form\n" + linkId + "\n" + issuedAt + "\n" + nonce;
    }
}
