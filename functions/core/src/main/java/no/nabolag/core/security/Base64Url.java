package no.nabolag.core.security;

import java.util.Base64;
import java.util.Optional;

/**
 * Base64url without padding (RFC 4648 §5), the one spelling of every signed value Nabolag issues (link tokens,
 * form tokens, feed cursors, console cookies). Decoding accepts only the canonical spelling: the JDK decoder alone
 * also takes '=' padding and ignores the unused low bits of the last character, so one MAC would have several
 * spellings (and a replayed form token a second identity). A string is accepted only if re-encoding its bytes gives
 * the same string back; the comparison involves no secret, so it need not be constant-time.
 */
public final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /** The bytes of a canonical base64url string; empty for null, padding, other alphabets or non-zero spare bits. */
    public static Optional<byte[]> decode(String text) {
        if (text == null) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return ENCODER.encodeToString(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
    }
}
