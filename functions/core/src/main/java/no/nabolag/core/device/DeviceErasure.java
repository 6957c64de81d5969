package no.nabolag.core.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import no.nabolag.core.log.JsonLog;

/**
 * Erasure that is final whatever runs at the same time (GDPR; issue 12). Without transactions:
 * <ol>
 *   <li>The device item gets a tombstone ({@code erasing}) with a conditional update. From then on every device
 *       write, and every new write of its subscription items ({@link DeviceStore#openWrites}), is refused.</li>
 *   <li>Writes of subscription items opened before the tombstone are waited for (each one is bounded in time).</li>
 *   <li>Its subscription items (and with them its audience-index entries) and its deferred pushes are deleted.</li>
 *   <li>Its token ownership is released and its endpoint deleted, only where the device owns the token: an
 *       endpoint that a newer install of the same app owns is left alone.</li>
 *   <li>Subscription items and deferred pushes are looked for once more (a delivery page or an index read that was
 *       in flight), and the device item goes last, so a failed step is finished by the app's retry.</li>
 * </ol>
 */
public final class DeviceErasure {
    /** How long a subscription write may run ({@link DeviceStore#openWrites}); erasure waits at most a bit longer. */
    public static final Duration WRITE_LEASE = Duration.ofSeconds(10);
    private static final JsonLog LOG = JsonLog.forClass(DeviceErasure.class);
    private final DeviceStore devices;
    private final DeviceSubscriptions subscriptions;
    private final DeferredPushes deferred;
    private final EndpointOwnership ownership;
    private final PushEndpoints endpoints;
    private final Clock clock;
    private final Sleeper sleeper;

    /** Waits between checks for running writes (tests pass one that does not sleep). */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public DeviceErasure(DeviceStore devices, DeviceSubscriptions subscriptions, DeferredPushes deferred,
                         EndpointOwnership ownership, PushEndpoints endpoints, Clock clock, Sleeper sleeper) {
        this.devices = devices;
        this.subscriptions = subscriptions;
        this.deferred = deferred;
        this.ownership = ownership;
        this.endpoints = endpoints;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Erases the device and everything of it; nothing to do when it is gone already. */
    public void erase(String deviceId, String reason) {
        Device device = devices.markErasing(deviceId, clock.instant().toString()).orElse(null);
        if (device == null) {
            return;
        }
        awaitWrites(deviceId);
        subscriptions.eraseAll(deviceId);
        deferred.eraseAll(deviceId);
        releaseEndpoints(device);
        subscriptions.eraseAll(deviceId);
        deferred.eraseAll(deviceId);
        devices.delete(deviceId);
        LOG.info("device erased", Map.of("deviceId", deviceId, "reason", reason));
    }

    /**
     * Releases the device's ownership of a token and deletes the token's endpoint, unless another device owns it;
     * {@code keep} is an endpoint that must survive (the device's new one, when the old token's is released).
     */
    public void release(String key, String deviceId, String keep) {
        ownership.beginRelease(key, deviceId).ifPresent(owner -> {
            if (owner.endpointArn() != null && !owner.endpointArn().equals(keep)) {
                endpoints.delete(owner.endpointArn());
            }
            ownership.finishRelease(key, deviceId);
        });
    }

    private void releaseEndpoints(Device device) {
        Set<String> keys = new LinkedHashSet<>();
        if (device.endpointTokenKey() != null) {
            keys.add(device.endpointTokenKey());
        }
        String current = TokenKeys.of(device);
        keys.add(current);
        keys.forEach(key -> release(key, device.deviceId(), null));
        // A device stored before token ownership existed: its endpoint is its own unless a newer install owns it.
        if (device.endpointArn() != null && device.endpointTokenKey() == null && ownership.find(current).isEmpty()) {
            endpoints.delete(device.endpointArn());
        }
    }

    private void awaitWrites(String deviceId) {
        Instant deadline = clock.instant().plus(WRITE_LEASE).plusSeconds(2);
        while (devices.writesOpen(deviceId, clock.instant()) && clock.instant().isBefore(deadline)) {
            try {
                sleeper.sleep(Duration.ofMillis(25));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while erasing " + deviceId, e);
            }
        }
    }
}
