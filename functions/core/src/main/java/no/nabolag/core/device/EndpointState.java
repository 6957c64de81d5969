package no.nabolag.core.device;

/**
 * Where a device's push endpoint is: being made (the app has its device and feed, pushes follow), made, or refused by
 * SNS as a bad token (the app should send a new token). A device whose endpoint APNs/FCM disabled keeps READY with
 * {@code active = false}.
 */
public enum EndpointState {
    PENDING, READY, INVALID;

    public static EndpointState parse(String value) {
        for (EndpointState state : values()) {
            if (state.name().equals(value)) {
                return state;
            }
        }
        // Devices stored before endpoints were made asynchronously had their endpoint at once.
        return READY;
    }
}
