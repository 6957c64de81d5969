package no.nabolag.core.device;

import java.time.Instant;
import java.util.Optional;

/**
 * Devices by id. Every change is a conditional single-item update that leaves the other fields alone, and is refused
 * once the device's erasure began (so nothing written after the tombstone survives it).
 */
public interface DeviceStore {
    /** The device, also while it is being erased ({@link Device#erasing()}). */
    Optional<Device> find(String deviceId);

    /** Stores a new device; false when the id is taken (never overwrites). */
    boolean create(Device device);

    /** Sets locale, time zone and quiet hours; the device as now stored, or empty when it is gone or erasing. */
    Optional<Device> updatePreferences(String deviceId, String locale, String timeZone, QuietHours quietHours,
                                       String at);

    /** A new push token: stored with endpointState PENDING (the endpoint worker takes over). Empty when gone. */
    Optional<Device> changeToken(String deviceId, String token, String at);

    /** Asks for the endpoint again with the same token (PENDING). Empty when gone. */
    Optional<Device> requestEndpoint(String deviceId, String at);

    /**
     * The endpoint for {@code token} is made: stores endpointArn and its token key, READY and active. Only while the
     * device still holds that token and is not erasing; returns the device as it was before, or empty.
     */
    Optional<Device> endpointReady(String deviceId, String token, String endpointArn, String tokenKey, String at);

    /** SNS refused the token: INVALID, while the device still holds that token. */
    boolean endpointInvalid(String deviceId, String token, String at);

    /** Records that the app was seen on this day (yyyy-MM-dd), once a day at most. */
    void seen(String deviceId, String day);

    /** The erasure tombstone: from now on every write above is refused. The device, or empty when it is gone. */
    Optional<Device> markErasing(String deviceId, String at);

    /**
     * Opens a write of the device's subscription items that must finish before {@code until}: refused (empty) once
     * the device is erasing. Returns the device as stored, whose fields the items copy.
     */
    Optional<Device> openWrites(String deviceId, Instant until);

    /** Closes a write opened with {@link #openWrites}; the device as stored now, or empty when it is gone. */
    Optional<Device> closeWrites(String deviceId);

    /** Whether writes opened before the tombstone may still be running at {@code now}. */
    boolean writesOpen(String deviceId, Instant now);

    void delete(String deviceId);
}
