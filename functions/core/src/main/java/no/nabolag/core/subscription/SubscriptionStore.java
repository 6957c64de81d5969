package no.nabolag.core.subscription;

import java.util.Collection;
import java.util.List;

/** The subscription items of devices. No transactions: writes are idempotent puts and deletes. */
public interface SubscriptionStore {
    /** Every item of the device, by district id. */
    List<SubscriptionItem> findByDevice(String deviceId);

    /** Puts the items (creating or replacing each whole). */
    void putAll(Collection<SubscriptionItem> items);

    /** Deletes the device's items for these districts; deleting a missing item is not an error. */
    void deleteAll(String deviceId, Collection<String> districtIds);
}
