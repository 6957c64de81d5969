package no.nabolag.core.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key of a push token's ownership item: {@code TOKEN#<appId>#<platform>#<hex SHA-256 of the token>}. Hashed, so
 * the key (which appears in logs and scans) never shows a token; generated device ids are 32 hex characters and can
 * never be such a key.
 */
public final class TokenKeys {
    public static final String PREFIX = "TOKEN#";

    private TokenKeys() {
    }

    public static String of(String appId, Platform platform, String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return PREFIX + appId + "#" + platform.id() + "#" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The key of the token the device holds now. */
    public static String of(Device device) {
        return of(device.appId(), device.platform(), device.pushToken());
    }

    public static boolean isTokenKey(String id) {
        return id != null && id.startsWith(PREFIX);
    }
}
