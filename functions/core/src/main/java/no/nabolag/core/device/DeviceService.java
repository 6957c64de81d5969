package no.nabolag.core.device;

import no.nabolag.core.catalog.App;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import no.nabolag.core.error.InvalidInputException;
import no.nabolag.core.error.NotFoundException;
import no.nabolag.core.error.UnauthorizedException;
import no.nabolag.core.log.JsonLog;

/**
 * Registration, authentication, changes and erasure of devices. Push endpoints are made by the endpoint worker
 * ({@link EndpointService}) off the request path: registering answers at once, the app reads its feed at once, and
 * pushes follow once the endpoint exists (SNS allows about 30 endpoint creations per second).
 */
public final class DeviceService {
    private static final JsonLog LOG = JsonLog.forClass(DeviceService.class);
    private static final String BEARER = "bearer ";
    /** Generated device ids: 32 lowercase hex characters. Anything else cannot exist. */
    private static final Pattern DEVICE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern APP_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_APP_ID = 63;
    private final DeviceStore devices;
    private final AppDirectory apps;
    private final EndpointRequests endpointRequests;
    private final DeviceSubscriptions subscriptions;
    private final DeviceErasure erasure;
    private final Clock clock;

    public DeviceService(DeviceStore devices, AppDirectory apps, EndpointRequests endpointRequests,
                         DeviceSubscriptions subscriptions, DeviceErasure erasure, Clock clock) {
        this.devices = devices;
        this.apps = apps;
        this.endpointRequests = endpointRequests;
        this.subscriptions = subscriptions;
        this.erasure = erasure;
        this.clock = clock;
    }

    /** A registration; appId null means the deployment's default app. */
    public record NewDevice(String appId, Platform platform, String pushToken, String locale, String timeZone) {
    }

    /** The new device's id and its secret, which is shown this once and stored only as a hash. */
    public record Registration(String deviceId, String deviceSecret, Device device) {
    }

    /** The fields a device may change; null means "leave as it is". */
    public record Changes(String pushToken, String locale, String timeZone) {
    }

    /**
     * Stores the device (its endpoint PENDING) and asks the endpoint worker for its endpoint. If that request cannot
     * be queued the device is removed again and the caller told to retry: nothing half-made is left.
     */
    public Registration register(NewDevice request) {
        String appId = request.appId() == null ? App.DEFAULT_ID : request.appId();
        AppPlatforms app = (appId.length() <= MAX_APP_ID && APP_ID.matcher(appId).matches()
                ? apps.find(appId) : java.util.Optional.<AppPlatforms>empty())
                .orElseThrow(() -> new InvalidInputException("appId", "unknown app '" + shorten(appId) + "'"));
        if (app.platformApplication(request.platform()).isEmpty()) {
            throw new InvalidInputException("platform", "app '" + appId + "' has no " + request.platform().id()
                    + " push application");
        }
        String token = PushTokens.normalize(request.platform(), request.pushToken());
        PushTokens.problem(request.platform(), token).ifPresent(problem -> {
            throw new InvalidInputException("pushToken", problem);
        });
        String secret = DeviceSecret.generate();
        String now = clock.instant().toString();
        while (true) {
            Device device = Device.registered(DeviceSecret.newDeviceId(), appId, DeviceSecret.hash(secret),
                    request.platform(), token, request.locale(), request.timeZone(), now, today());
            if (devices.create(device)) {
                try {
                    endpointRequests.request(device.deviceId());
                } catch (RuntimeException e) {
                    devices.delete(device.deviceId());
                    throw e;
                }
                LOG.info("device registered", Map.of("deviceId", device.deviceId(), "appId", appId,
                        "platform", request.platform().id()));
                return new Registration(device.deviceId(), secret, device);
            }
            // 128 random bits collided: practically never; try another id.
        }
    }

    /**
     * The device whose secret the request presents as "Authorization: Bearer &lt;secret&gt;". Unknown devices and
     * wrong secrets get the same 401, so the answer does not reveal which device ids exist; an id that is not of our
     * format cannot exist and is a 404 without a lookup. A device being erased authenticates only to finish its
     * erasure ({@code forErasure}).
     */
    public Device authenticate(String deviceId, String authorization, boolean forErasure) {
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            throw new NotFoundException("No such device");
        }
        String secret = authorization != null && authorization.length() > BEARER.length()
                && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)
                ? authorization.substring(BEARER.length()).trim() : null;
        if (secret == null || secret.isEmpty()) {
            throw new UnauthorizedException("Send the device secret as 'Authorization: Bearer <deviceSecret>'");
        }
        Device device = devices.find(deviceId).filter(d -> forErasure || !d.erasing()).orElse(null);
        // Hash and compare even when the device is unknown, so the timing does not reveal which ids exist.
        boolean ok = DeviceSecret.matches(device == null ? DeviceSecret.hash("") : device.secretHash(), secret);
        if (device == null || !ok) {
            throw new UnauthorizedException("Unknown device or wrong device secret");
        }
        return device;
    }

    /**
     * Applies changes. A new push token goes to the endpoint worker (the endpoint follows; the old one keeps working
     * until then); the same token again asks for the endpoint only when it is not working. A change of locale or
     * time zone rewrites the device's subscription items, which carry copies for delivery. Nothing changed, nothing
     * written.
     */
    public Device update(Device device, Changes changes) {
        Device updated = device;
        String token = changes.pushToken() == null ? null
                : PushTokens.normalize(device.platform(), changes.pushToken());
        if (token != null) {
            PushTokens.problem(device.platform(), token).ifPresent(problem -> {
                throw new InvalidInputException("pushToken", problem);
            });
        }
        String now = clock.instant().toString();
        if (token != null && !token.equals(device.pushToken())) {
            updated = devices.changeToken(device.deviceId(), token, now).orElseThrow(DeviceService::gone);
            endpointRequests.request(device.deviceId());
        } else if (token != null && !device.reachable()) {
            updated = devices.requestEndpoint(device.deviceId(), now).orElseThrow(DeviceService::gone);
            endpointRequests.request(device.deviceId());
        }
        String locale = changes.locale() == null ? device.locale() : changes.locale();
        String timeZone = changes.timeZone() == null ? device.timeZone() : changes.timeZone();
        if (!locale.equals(device.locale()) || !timeZone.equals(device.timeZone())) {
            updated = devices.updatePreferences(device.deviceId(), locale, timeZone, device.quietHours(), now)
                    .orElseThrow(DeviceService::gone);
            subscriptions.rewrite(updated);
        }
        if (updated != device) {
            LOG.info("device updated", Map.of("deviceId", device.deviceId(),
                    "tokenChanged", token != null && !token.equals(device.pushToken())));
        }
        return updated;
    }

    /** The app read its feed: recorded once a day (the sweep removes devices not seen for months). */
    public void seen(Device device) {
        String today = today();
        if (!today.equals(device.lastSeenDay())) {
            devices.seen(device.deviceId(), today);
        }
    }

    /** GDPR erasure, final whatever runs meanwhile ({@link DeviceErasure}). */
    public void erase(Device device) {
        erasure.erase(device.deviceId(), "erasure requested by the app");
    }

    private String today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
    }

    private static UnauthorizedException gone() {
        return new UnauthorizedException("Unknown device or wrong device secret");
    }

    private static String shorten(String value) {
        return value.length() > MAX_APP_ID ? value.substring(0, MAX_APP_ID) + "…" : value;
    }
}
