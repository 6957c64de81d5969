package no.nabolag.core.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import no.nabolag.core.security.Hmac;

/**
 * The device secret: 256 random bits, shown to the app once. Only its SHA-256 is stored; because the secret
 * is random and long, a fast hash suffices (no password stretching needed). Checks are constant-time.
 */
public final class DeviceSecret {
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceSecret() {
    }

    /** A new secret, base64url without padding (43 characters). */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A new device id: 128 random bits as lowercase hex (URL-safe, like a UUID without dashes). */
    public static String newDeviceId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static String hash(String secret) {
        return HexFormat.of().formatHex(sha256(secret));
    }

    /** Whether the presented secret is the one whose hash is stored, in constant time. */
    public static boolean matches(String storedHashHex, String presentedSecret) {
        if (storedHashHex == null || presentedSecret == null) {
            return false;
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(storedHashHex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return Hmac.matches(expected, sha256(presentedSecret));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
