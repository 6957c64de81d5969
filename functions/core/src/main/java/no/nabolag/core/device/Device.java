package no.nabolag.core.device;

/**
 * A resident's app installation: the only identity the resident API knows (no accounts).
 * Only the SHA-256 of the device secret is kept. quietHours is null when the resident set none.
 *
 * @param appId            the app it was installed from ({@link no.nabolag.core.catalog.App#DEFAULT_ID} when the app named none)
 * @param tokenSince       when the device got its current push token (an ISO instant): the newest holder of a
 *                         token owns its endpoint
 * @param endpointArn      its SNS endpoint, null until the endpoint worker made one
 * @param endpointTokenKey the token-ownership key ({@link TokenKeys}) of the token endpointArn was made for
 * @param active           false once APNs/FCM disabled the endpoint (delivery reports it)
 * @param lastSeenDay      the last day (yyyy-MM-dd, UTC) the app read its feed or changed something
 * @param erasing          erasure has begun: the device no longer authenticates, its writes are refused
 */
public record Device(String deviceId, String appId, String secretHash, Platform platform, String pushToken,
                     String tokenSince, String endpointArn, String endpointTokenKey, EndpointState endpointState,
                     String locale, String timeZone, QuietHours quietHours, boolean active, String lastSeenDay,
                     String createdAt, String updatedAt, boolean erasing) {

    /** A device just registered: its endpoint is yet to be made. */
    public static Device registered(String deviceId, String appId, String secretHash, Platform platform,
                                    String pushToken, String locale, String timeZone, String now, String today) {
        return new Device(deviceId, appId, secretHash, platform, pushToken, now, null, null, EndpointState.PENDING,
                locale, timeZone, null, true, today, now, now, false);
    }

    public Device withPreferences(String newLocale, String newTimeZone, QuietHours newQuietHours, String at) {
        return new Device(deviceId, appId, secretHash, platform, pushToken, tokenSince, endpointArn, endpointTokenKey,
                endpointState, newLocale, newTimeZone, newQuietHours, active, lastSeenDay, createdAt, at, erasing);
    }

    /** Whether pushes can reach it now. */
    public boolean reachable() {
        return endpointArn != null && endpointState == EndpointState.READY && active;
    }
}
