package no.nabolag.core.device;

/**
 * A resident's app installation: the only identity the resident API knows (no accounts).
 * Only the SHA-256 of the device secret is kept. quietHours is null when the resident set none.
 */
public record Device(String deviceId, String secretHash, Platform platform, String pushToken, String endpointArn,
                     String locale, String timeZone, QuietHours quietHours, boolean active, String createdAt,
                     String updatedAt) {

    public Device withPush(String token, String arn) {
        return new Device(deviceId, secretHash, platform, token, arn, locale, timeZone, quietHours, true, createdAt,
                updatedAt);
    }

    public Device withPreferences(String newLocale, String newTimeZone, QuietHours newQuietHours, String at) {
        return new Device(deviceId, secretHash, platform, pushToken, endpointArn, newLocale, newTimeZone, newQuietHours,
                active, createdAt, at);
    }
}
