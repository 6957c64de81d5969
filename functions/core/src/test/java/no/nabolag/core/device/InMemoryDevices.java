package no.nabolag.core.device;

import no.nabolag.core.catalog.App;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The device side of the stores in memory, for unit tests of the domain: devices (with the erasure tombstone and
 * write leases), token ownership, endpoint requests, deferred pushes and apps, with the conditions the DynamoDB
 * adapters put on each write. The integration tests use the real adapters against the emulators.
 */
public final class InMemoryDevices implements DeviceStore, EndpointRequests, DeferredPushes, DeviceSweepStore {
    public final Map<String, Device> devices = new TreeMap<>();
    public final Map<String, EndpointOwnership.Owner> owners = new TreeMap<>();
    public final Ownership ownership = new Ownership();
    public final Map<String, Integer> writers = new HashMap<>();
    public final Map<String, Instant> writingUntil = new HashMap<>();
    public final List<String> requested = new ArrayList<>();
    public final Map<String, List<String>> deferrals = new HashMap<>();
    public final Map<String, AppPlatforms> apps = new LinkedHashMap<>();
    public RuntimeException requestFailure;
    public String position;

    public InMemoryDevices() {
        apps.put(App.DEFAULT_ID, new AppPlatforms(App.DEFAULT_ID, null,
                Map.of(Platform.IOS, "arn:app/APNS/nabolag-ios", Platform.ANDROID, "arn:app/GCM/nabolag-android")));
    }

    private Optional<Device> live(String id) {
        return Optional.ofNullable(devices.get(id)).filter(d -> !d.erasing());
    }

    private Device put(Device d) {
        devices.put(d.deviceId(), d);
        return d;
    }

    private static Device with(Device d, String token, String since, String arn, String key, EndpointState state,
                               String locale, String zone, QuietHours quiet, boolean active, String seen, String at,
                               boolean erasing) {
        return new Device(d.deviceId(), d.appId(), d.secretHash(), d.platform(), token, since, arn, key, state, locale,
                zone, quiet, active, seen, d.createdAt(), at, erasing);
    }

    // ------------------------------------------------------------------ DeviceStore

    @Override
    public Optional<Device> find(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    @Override
    public boolean create(Device device) {
        return devices.putIfAbsent(device.deviceId(), device) == null;
    }

    @Override
    public Optional<Device> updatePreferences(String id, String locale, String zone, QuietHours quiet, String at) {
        return live(id).map(d -> put(with(d, d.pushToken(), d.tokenSince(), d.endpointArn(), d.endpointTokenKey(),
                d.endpointState(), locale, zone, quiet, d.active(), d.lastSeenDay(), at, false)));
    }

    @Override
    public Optional<Device> changeToken(String id, String token, String at) {
        return live(id).map(d -> put(with(d, token, at, d.endpointArn(), d.endpointTokenKey(), EndpointState.PENDING,
                d.locale(), d.timeZone(), d.quietHours(), d.active(), d.lastSeenDay(), at, false)));
    }

    @Override
    public Optional<Device> requestEndpoint(String id, String at) {
        return live(id).map(d -> put(with(d, d.pushToken(), d.tokenSince(), d.endpointArn(), d.endpointTokenKey(),
                EndpointState.PENDING, d.locale(), d.timeZone(), d.quietHours(), d.active(), d.lastSeenDay(), at,
                false)));
    }

    @Override
    public Optional<Device> endpointReady(String id, String token, String arn, String key, String at) {
        return live(id).filter(d -> d.pushToken().equals(token)).map(d -> {
            put(with(d, token, d.tokenSince(), arn, key, EndpointState.READY, d.locale(), d.timeZone(), d.quietHours(),
                    true, d.lastSeenDay(), at, false));
            return d;
        });
    }

    @Override
    public boolean endpointInvalid(String id, String token, String at) {
        return live(id).filter(d -> d.pushToken().equals(token)).map(d -> put(with(d, token, d.tokenSince(),
                d.endpointArn(), d.endpointTokenKey(), EndpointState.INVALID, d.locale(), d.timeZone(), d.quietHours(),
                d.active(), d.lastSeenDay(), at, false))).isPresent();
    }

    @Override
    public void seen(String id, String day) {
        live(id).filter(d -> !day.equals(d.lastSeenDay())).ifPresent(d -> put(with(d, d.pushToken(), d.tokenSince(),
                d.endpointArn(), d.endpointTokenKey(), d.endpointState(), d.locale(), d.timeZone(), d.quietHours(),
                d.active(), day, d.updatedAt(), false)));
    }

    @Override
    public Optional<Device> markErasing(String id, String at) {
        return find(id).map(d -> put(with(d, d.pushToken(), d.tokenSince(), d.endpointArn(), d.endpointTokenKey(),
                d.endpointState(), d.locale(), d.timeZone(), d.quietHours(), d.active(), d.lastSeenDay(),
                d.updatedAt(), true)));
    }

    @Override
    public Optional<Device> openWrites(String id, Instant until) {
        return live(id).map(d -> {
            writers.merge(id, 1, Integer::sum);
            writingUntil.put(id, until);
            return d;
        });
    }

    @Override
    public Optional<Device> closeWrites(String id) {
        return find(id).map(d -> {
            writers.merge(id, -1, Integer::sum);
            return d;
        });
    }

    @Override
    public boolean writesOpen(String id, Instant now) {
        return writers.getOrDefault(id, 0) > 0 && writingUntil.getOrDefault(id, Instant.MIN).isAfter(now);
    }

    @Override
    public void delete(String deviceId) {
        devices.remove(deviceId);
    }

    /** Delivery reported the endpoint disabled. */
    public void disable(String id) {
        Device d = devices.get(id);
        put(with(d, d.pushToken(), d.tokenSince(), d.endpointArn(), d.endpointTokenKey(), d.endpointState(),
                d.locale(), d.timeZone(), d.quietHours(), false, d.lastSeenDay(), d.updatedAt(), d.erasing()));
    }

    /** Token ownership, with the conditions of the DynamoDB adapter. */
    public final class Ownership implements EndpointOwnership {

        @Override
        public Optional<Owner> find(String key) {
            return Optional.ofNullable(owners.get(key));
        }

        @Override
        public Claim claim(String key, String deviceId, String since) {
            Owner current = owners.get(key);
            boolean mayClaim = current == null || (!current.releasing() && (current.deviceId().equals(deviceId)
                    || current.since().compareTo(since) < 0
                    || (current.since().equals(since) && current.deviceId().compareTo(deviceId) < 0)));
            if (!mayClaim) {
                return current.releasing() ? new BeingReleased() : new HeldByNewer(current);
            }
            owners.put(key, new Owner(key, deviceId, since, current == null ? null : current.endpointArn(), false));
            return new Claimed(Optional.ofNullable(current));
        }

        @Override
        public boolean recordEndpoint(String key, String deviceId, String arn) {
            Owner current = owners.get(key);
            if (current == null || current.releasing() || !current.deviceId().equals(deviceId)) {
                return false;
            }
            owners.put(key, new Owner(key, deviceId, current.since(), arn, false));
            return true;
        }

        @Override
        public Optional<Owner> beginRelease(String key, String deviceId) {
            Owner current = owners.get(key);
            if (current == null || !current.deviceId().equals(deviceId)) {
                return Optional.empty();
            }
            Owner releasing = new Owner(key, deviceId, current.since(), current.endpointArn(), true);
            owners.put(key, releasing);
            return Optional.of(releasing);
        }

        @Override
        public void finishRelease(String key, String deviceId) {
            owners.computeIfPresent(key, (k, o) -> o.releasing() && o.deviceId().equals(deviceId) ? null : o);
        }

        @Override
        public void forget(Owner orphan) {
            owners.computeIfPresent(orphan.key(), (k, o) -> o.deviceId().equals(orphan.deviceId()) ? null : o);
        }

    }

    // ------------------------------------------------------------------ the rest

    @Override
    public void request(String deviceId) {
        if (requestFailure != null) {
            throw requestFailure;
        }
        requested.add(deviceId);
    }

    @Override
    public void eraseAll(String deviceId) {
        deferrals.remove(deviceId);
    }

    public AppDirectory appDirectory() {
        return appId -> Optional.ofNullable(apps.get(appId));
    }

    @Override
    public Page page(String from, int limit) {
        List<String> ids = new ArrayList<>();
        ids.addAll(devices.keySet());
        ids.addAll(owners.keySet());
        ids.sort(String::compareTo);
        List<String> after = from == null ? ids : ids.stream().filter(id -> id.compareTo(from) > 0).toList();
        List<String> slice = after.subList(0, Math.min(limit, after.size()));
        List<Device> pageDevices = slice.stream().filter(devices::containsKey).map(devices::get).toList();
        List<EndpointOwnership.Owner> pageOwners = slice.stream().filter(owners::containsKey).map(owners::get).toList();
        String next = after.size() > limit ? slice.get(slice.size() - 1) : null;
        return new Page(pageDevices, pageOwners, next);
    }

    @Override
    public Optional<String> position() {
        return Optional.ofNullable(position);
    }

    @Override
    public void savePosition(String position) {
        this.position = position;
    }
}
