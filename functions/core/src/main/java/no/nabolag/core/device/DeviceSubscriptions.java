package no.nabolag.core.device;

/**
 * What a device change needs of its subscriptions. A port, implemented by {@code SubscriptionService}, so that
 * subscription depends on device and never the other way round.
 */
public interface DeviceSubscriptions {
    /** Rewrites the device's subscription items, which carry copies of its fields for delivery. */
    void rewrite(Device device);

    /** Erases every subscription item of the device. */
    void eraseAll(String deviceId);
}
