package no.nabolag.core.device;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a push token of each platform looks like, checked before anything reaches SNS (a token SNS refuses would
 * otherwise fail later, where the resident cannot be told). APNs device tokens are hex (32 bytes today; Apple allows
 * them to grow, so up to 100 bytes are accepted); FCM registration tokens use the URL-safe base64 alphabet plus ':'.
 */
public final class PushTokens {
    /** The longest token of any platform (FCM's are about 150-200 characters today). */
    public static final int MAX_LENGTH = 4096;
    public static final int APNS_MIN_HEX = 64;
    public static final int APNS_MAX_HEX = 200;
    private static final Pattern APNS = Pattern.compile("[0-9A-Fa-f]+");
    private static final Pattern FCM = Pattern.compile("[A-Za-z0-9_:\\-]+");

    private PushTokens() {
    }

    /** APNs tokens in one spelling (lowercase hex), so one phone's token is one key and one endpoint. */
    public static String normalize(Platform platform, String token) {
        return platform == Platform.IOS && token != null ? token.toLowerCase(java.util.Locale.ROOT) : token;
    }

    /** Why the token cannot be one of the platform's, or empty when it can. */
    public static Optional<String> problem(Platform platform, String token) {
        if (token == null || token.isEmpty()) {
            return Optional.of("is required");
        }
        if (token.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        return switch (platform) {
            case IOS -> APNS.matcher(token).matches() && token.length() >= APNS_MIN_HEX && token.length() <= APNS_MAX_HEX
                    ? Optional.empty()
                    : Optional.of("must be an APNs device token: " + APNS_MIN_HEX + " to " + APNS_MAX_HEX
                            + " hexadecimal characters");
            case ANDROID -> FCM.matcher(token).matches() ? Optional.empty()
                    : Optional.of("must be an FCM registration token: letters, digits, '-', '_' and ':' only");
        };
    }
}
