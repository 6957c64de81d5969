package no.nabolag.core.device;

import java.util.Optional;

/** Devices by id. */
public interface DeviceStore {
    Optional<Device> find(String deviceId);

    /** Stores a new device; false when the id is taken (never overwrites). */
    boolean create(Device device);

    /** Replaces a device that exists; false when it was erased meanwhile. */
    boolean update(Device device);

    void delete(String deviceId);
}
