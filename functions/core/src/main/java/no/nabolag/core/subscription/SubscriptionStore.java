package no.nabolag.core.subscription;

import java.util.Collection;
import java.util.List;

/** The subscription items of devices. No transactions: writes are idempotent puts, updates and deletes. */
public interface SubscriptionStore {
    /** Every item of the device, by district id. */
    List<SubscriptionItem> findByDevice(String deviceId);

    /** Puts the items (creating or replacing each whole). */
    void putAll(Collection<SubscriptionItem> items);

    /**
     * Copies the device's fields of these items (app, platform, endpoint, locale, time zone, quiet hours, active,
     * audience shard) into the stored items that still exist, leaving their choices alone: a change of the device
     * (its endpoint arrived) never undoes a change of its choices written at the same time, and an item deleted
     * meanwhile stays deleted.
     */
    void copyDeviceFields(Collection<SubscriptionItem> items);

    /** Deletes the device's items for these districts; deleting a missing item is not an error. */
    void deleteAll(String deviceId, Collection<String> districtIds);
}
