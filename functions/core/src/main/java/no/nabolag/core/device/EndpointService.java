package no.nabolag.core.device;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import no.nabolag.core.error.UnavailableException;
import no.nabolag.core.log.JsonLog;

/**
 * The endpoint worker (EndpointQueue): makes a device's SNS endpoint in its app's platform application, off the
 * request path and paced, and keeps one device record per endpoint.
 *
 * <ol>
 *   <li>Claim the token ({@link EndpointOwnership}): the device that got the token last owns it. If a newer install
 *       holds it, this device is the stale record and is retired.</li>
 *   <li>Create or reuse the token's endpoint (SNS returns the existing endpoint of a token), enabled, and record it
 *       on the ownership item.</li>
 *   <li>Retire the previous owner if it still holds this token (subscriptions removed, secret dead; its endpoint is
 *       now this device's and survives).</li>
 *   <li>Store the ARN on the device, only while it still holds this token and is not being erased; otherwise undo
 *       the claim. Release the device's previous token, whose endpoint nobody else owns.</li>
 *   <li>Rewrite the device's subscription items, which carry the ARN for delivery.</li>
 * </ol>
 * A repeated request for a device that is READY with this token does nothing.
 */
public final class EndpointService {
    /** What a request came to. */
    public enum Outcome { READY, ALREADY_READY, GONE, RETIRED, INVALID, SUPERSEDED }

    private static final JsonLog LOG = JsonLog.forClass(EndpointService.class);
    private final DeviceStore devices;
    private final AppDirectory apps;
    private final EndpointOwnership ownership;
    private final PushEndpoints endpoints;
    private final DeviceSubscriptions subscriptions;
    private final DeviceErasure erasure;
    private final Runnable pace;
    private final Clock clock;

    /** @param pace called before each endpoint creation: blocks to keep to the account's SNS rate */
    public EndpointService(DeviceStore devices, AppDirectory apps, EndpointOwnership ownership, PushEndpoints endpoints,
                           DeviceSubscriptions subscriptions, DeviceErasure erasure, Runnable pace, Clock clock) {
        this.devices = devices;
        this.apps = apps;
        this.ownership = ownership;
        this.endpoints = endpoints;
        this.subscriptions = subscriptions;
        this.erasure = erasure;
        this.pace = pace;
        this.clock = clock;
    }

    public Outcome ensure(String deviceId) {
        Device device = devices.find(deviceId).orElse(null);
        if (device == null || device.erasing()) {
            return Outcome.GONE;
        }
        String key = TokenKeys.of(device);
        if (device.endpointState() == EndpointState.READY && device.active() && key.equals(device.endpointTokenKey())) {
            return Outcome.ALREADY_READY;
        }
        Optional<String> application = apps.find(device.appId())
                .flatMap(app -> app.platformApplication(device.platform()));
        if (application.isEmpty()) {
            // The app was retired (or lost its platform application) after the device registered.
            devices.endpointInvalid(deviceId, device.pushToken(), now());
            return log(device, Outcome.INVALID);
        }
        pace.run();
        // The whole making of the endpoint runs under the device's write lease: an erasure that starts meanwhile
        // waits for it and then finds the endpoint recorded, so nothing of the device outlives its erasure.
        if (devices.openWrites(deviceId, clock.instant().plus(DeviceErasure.WRITE_LEASE)).isEmpty()) {
            return Outcome.GONE;
        }
        Outcome outcome;
        try {
            outcome = make(device, key, application.get());
        } finally {
            devices.closeWrites(deviceId);
        }
        if (outcome == Outcome.RETIRED) {
            // After the lease is closed: the erasure waits for open writes, this one's included.
            erasure.erase(deviceId, "its token was registered again by a newer install");
        }
        return log(device, outcome);
    }

    private Outcome make(Device device, String key, String application) {
        String deviceId = device.deviceId();
        EndpointOwnership.Claim claim = ownership.claim(key, deviceId, device.tokenSince());
        if (claim instanceof EndpointOwnership.BeingReleased) {
            throw new UnavailableException("The token's previous endpoint is being deleted", 5);
        }
        if (claim instanceof EndpointOwnership.HeldByNewer) {
            return Outcome.RETIRED;
        }
        Optional<EndpointOwnership.Owner> previous = ((EndpointOwnership.Claimed) claim).previous();

        String arn;
        try {
            arn = endpoints.register(application, device.pushToken());
        } catch (PushEndpoints.TokenRefusedException e) {
            erasure.release(key, deviceId, null);
            devices.endpointInvalid(deviceId, device.pushToken(), now());
            return Outcome.INVALID;
        }
        if (!ownership.recordEndpoint(key, deviceId, arn)) {
            // Released meanwhile (the device is being erased) or claimed by a newer install.
            Optional<EndpointOwnership.Owner> owner = ownership.find(key);
            if (owner.isEmpty() || owner.get().releasing()) {
                endpoints.delete(arn);
            }
            return Outcome.SUPERSEDED;
        }
        previous.filter(p -> !p.deviceId().equals(deviceId))
                .ifPresent(p -> retireIfStillHolding(p.deviceId(), key, deviceId));

        Optional<Device> before = devices.endpointReady(deviceId, device.pushToken(), arn, key, now());
        if (before.isEmpty()) {
            // Erased meanwhile, or the token changed again (that change has its own request): undo this claim.
            erasure.release(key, deviceId, null);
            return Outcome.SUPERSEDED;
        }
        Device old = before.get();
        if (old.endpointTokenKey() != null && !old.endpointTokenKey().equals(key)) {
            erasure.release(old.endpointTokenKey(), deviceId, arn);
        } else if (old.endpointTokenKey() == null && old.endpointArn() != null && !old.endpointArn().equals(arn)) {
            // Stored before token ownership existed: the old endpoint was this device's own.
            endpoints.delete(old.endpointArn());
        }
        devices.find(deviceId).filter(d -> !d.erasing()).ifPresent(subscriptions::rewrite);
        return Outcome.READY;
    }

    private void retireIfStillHolding(String previousOwner, String key, String newOwner) {
        devices.find(previousOwner)
                .filter(p -> !p.erasing() && TokenKeys.of(p).equals(key))
                .ifPresent(p -> erasure.erase(p.deviceId(), "token registered again by device " + newOwner));
    }

    private Outcome log(Device device, Outcome outcome) {
        LOG.info("device endpoint", Map.of("deviceId", device.deviceId(), "appId", device.appId(),
                "platform", device.platform().id(), "outcome", outcome.name()));
        return outcome;
    }

    private String now() {
        return clock.instant().toString();
    }
}
