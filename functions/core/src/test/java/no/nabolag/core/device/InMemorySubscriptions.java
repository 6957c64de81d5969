package no.nabolag.core.device;

import java.util.HashMap;
import java.util.Map;

/** A device's subscription items reduced to what the device side needs: which devices have items, with which ARN. */
public final class InMemorySubscriptions implements DeviceSubscriptions {
    /** deviceId -> the endpoint ARN its items carry ("" when none) */
    public final Map<String, String> items = new HashMap<>();

    @Override
    public void rewrite(Device device) {
        if (items.containsKey(device.deviceId())) {
            items.put(device.deviceId(), device.endpointArn() == null ? "" : device.endpointArn());
        }
    }

    @Override
    public void eraseAll(String deviceId) {
        items.remove(deviceId);
    }

    public void follow(String deviceId) {
        items.put(deviceId, "");
    }
}
