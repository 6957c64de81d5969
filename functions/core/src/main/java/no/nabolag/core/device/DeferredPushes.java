package no.nabolag.core.device;

/** The pushes delivery deferred to a device until its quiet hours end (DeliveryTable {@code DEFER#...}). */
public interface DeferredPushes {
    /** Deletes every deferred push of the device. */
    void eraseAll(String deviceId);
}
