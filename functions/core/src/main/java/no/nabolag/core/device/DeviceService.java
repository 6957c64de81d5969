package no.nabolag.core.device;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import no.nabolag.core.error.UnauthorizedException;
import no.nabolag.core.log.JsonLog;

/** Registration, authentication, changes and erasure of devices. */
public final class DeviceService {
    private static final JsonLog LOG = JsonLog.forClass(DeviceService.class);
    private static final String BEARER = "bearer ";
    private static final java.util.regex.Pattern DEVICE_ID = java.util.regex.Pattern.compile("[0-9a-f]{32}");
    private final DeviceStore devices;
    private final PushEndpoints endpoints;
    private final DeviceSubscriptions subscriptions;
    private final Clock clock;

    public DeviceService(DeviceStore devices, PushEndpoints endpoints, DeviceSubscriptions subscriptions, Clock clock) {
        this.devices = devices;
        this.endpoints = endpoints;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /** The new device's id and its secret, which is shown this once and stored only as a hash. */
    public record Registration(String deviceId, String deviceSecret) {
    }

    /** The fields a device may change; null means "leave as it is". */
    public record Changes(String pushToken, String locale, String timeZone) {
    }

    public Registration register(Platform platform, String pushToken, String locale, String timeZone) {
        String arn = endpoints.register(platform, pushToken);
        String secret = DeviceSecret.generate();
        String now = clock.instant().toString();
        while (true) {
            Device device = new Device(DeviceSecret.newDeviceId(), DeviceSecret.hash(secret), platform, pushToken, arn,
                    locale, timeZone, null, true, now, now);
            if (devices.create(device)) {
                LOG.info("device registered", Map.of("deviceId", device.deviceId(), "platform", platform.id()));
                return new Registration(device.deviceId(), secret);
            }
            // 128 random bits collided: practically never; try another id.
        }
    }

    /**
     * The device whose secret the request presents as "Authorization: Bearer &lt;secret&gt;". Unknown devices and
     * wrong secrets get the same 401, so the answer does not reveal which device ids exist.
     */
    public Device authenticate(String deviceId, String authorization) {
        String secret = authorization != null && authorization.length() > BEARER.length()
                && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)
                ? authorization.substring(BEARER.length()).trim() : null;
        if (secret == null || secret.isEmpty()) {
            throw new UnauthorizedException("Send the device secret as 'Authorization: Bearer <deviceSecret>'");
        }
        // Only ids we could have issued are looked up (32 lowercase hex digits); anything else is simply unknown.
        Device device = deviceId == null || !DEVICE_ID.matcher(deviceId).matches() ? null
                : devices.find(deviceId).orElse(null);
        // Hash and compare even when the device is unknown, so the timing does not reveal which ids exist.
        boolean ok = DeviceSecret.matches(device == null ? DeviceSecret.hash("") : device.secretHash(), secret);
        if (device == null || !ok) {
            throw new UnauthorizedException("Unknown device or wrong device secret");
        }
        return device;
    }

    /**
     * Applies changes. Only a changed push token touches SNS (the endpoint APIs allow 30 calls/s in most regions);
     * an update that changes nothing writes nothing. Any change rewrites the device's subscription items, which
     * carry copies of its fields for delivery.
     */
    public Device update(Device device, Changes changes) {
        Device updated = device;
        if (changes.pushToken() != null && !changes.pushToken().equals(device.pushToken())) {
            String arn = endpoints.changeToken(device.platform(), device.endpointArn(), changes.pushToken());
            updated = updated.withPush(changes.pushToken(), arn);
        }
        String locale = changes.locale() == null ? device.locale() : changes.locale();
        String timeZone = changes.timeZone() == null ? device.timeZone() : changes.timeZone();
        updated = updated.withPreferences(locale, timeZone, device.quietHours(), device.updatedAt());
        if (updated.equals(device)) {
            return device;
        }
        updated = updated.withPreferences(locale, timeZone, device.quietHours(), clock.instant().toString());
        if (!devices.update(updated)) {
            throw new UnauthorizedException("Unknown device or wrong device secret");
        }
        subscriptions.rewrite(updated);
        LOG.info("device updated", Map.of("deviceId", device.deviceId(),
                "tokenChanged", !Objects.equals(device.pushToken(), updated.pushToken())));
        return updated;
    }

    /**
     * GDPR erasure: the subscription items first (no more pushes), then the SNS endpoint, then the device item last,
     * so that if a step fails the secret still works and the app's retry finishes the job.
     */
    public void erase(Device device) {
        subscriptions.eraseAll(device.deviceId());
        endpoints.delete(device.endpointArn());
        devices.delete(device.deviceId());
        LOG.info("device erased", Map.of("deviceId", device.deviceId()));
    }
}
