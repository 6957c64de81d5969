package no.nabolag.core.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import no.nabolag.core.log.JsonLog;
import no.nabolag.core.metrics.Metrics;

/**
 * Gone phones leave (issue 14): a scheduled, paced and resumable pass over every device that removes, with their
 * subscriptions, deferred pushes and endpoints ({@link DeviceErasure}):
 * <ul>
 *   <li>devices whose endpoint APNs/FCM disabled (the app was uninstalled; an app still in use re-registers when
 *       its secret stops working),</li>
 *   <li>devices not seen for {@code inactiveDays} days (feed reads and changes count as seen).</li>
 * </ul>
 * It also finishes erasures that stopped half-way, asks again for endpoints whose request was lost (PENDING for an
 * hour), and forgets token-ownership items whose device is gone. Each run works until its time is nearly up and
 * saves where it stopped; the next run goes on from there. The number removed is the metric {@code DevicesRemoved}.
 */
public final class DeviceSweep {
    static final int PAGE = 100;
    static final Duration PENDING_TOO_LONG = Duration.ofHours(1);
    private static final JsonLog LOG = JsonLog.forClass(DeviceSweep.class);

    /** What one run did. */
    public record Result(int scanned, int removedDisabled, int removedInactive, int erasuresFinished, int requeued,
                         int orphansForgotten, boolean passComplete) {
        public int removed() {
            return removedDisabled + removedInactive;
        }
    }

    private final DeviceSweepStore store;
    private final DeviceStore devices;
    private final DeviceErasure erasure;
    private final EndpointOwnership ownership;
    private final PushEndpoints endpoints;
    private final EndpointRequests requests;
    private final int inactiveDays;
    private final Runnable pace;
    private final Clock clock;
    private final Metrics metrics;

    /** @param pace called before each removal: blocks to keep SNS DeleteEndpoint calls to a rate */
    public DeviceSweep(DeviceSweepStore store, DeviceStore devices, DeviceErasure erasure, EndpointOwnership ownership,
                       PushEndpoints endpoints, EndpointRequests requests, int inactiveDays, Runnable pace, Clock clock,
                       Metrics metrics) {
        this.store = store;
        this.devices = devices;
        this.erasure = erasure;
        this.ownership = ownership;
        this.endpoints = endpoints;
        this.requests = requests;
        this.inactiveDays = inactiveDays;
        this.pace = pace;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** @param hasTime false once the run should save its position and stop */
    public Result run(BooleanSupplier hasTime) {
        Counts counts = new Counts();
        try {
            sweep(hasTime, counts);
        } finally {
            report(counts.result());
        }
        return counts.result();
    }

    private static final class Counts {
        int scanned;
        int disabled;
        int inactive;
        int finished;
        int requeued;
        int orphans;
        boolean complete;

        Result result() {
            return new Result(scanned, disabled, inactive, finished, requeued, orphans, complete);
        }
    }

    private void sweep(BooleanSupplier hasTime, Counts counts) {
        LocalDate cutoff = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(inactiveDays);
        Instant pendingBefore = clock.instant().minus(PENDING_TOO_LONG);
        String from = store.position().orElse(null);
        while (hasTime.getAsBoolean()) {
            DeviceSweepStore.Page page = store.page(from, PAGE);
            for (Device device : page.devices()) {
                counts.scanned++;
                if (device.erasing()) {
                    pace.run();
                    erasure.erase(device.deviceId(), "unfinished erasure");
                    counts.finished++;
                } else if (!device.active()) {
                    pace.run();
                    erasure.erase(device.deviceId(), "endpoint disabled by the platform");
                    counts.disabled++;
                } else if (lastSeen(device).isBefore(cutoff)) {
                    pace.run();
                    erasure.erase(device.deviceId(), "not seen for " + inactiveDays + " days");
                    counts.inactive++;
                } else if (device.endpointState() == EndpointState.PENDING
                        && Instant.parse(device.updatedAt()).isBefore(pendingBefore)) {
                    requests.request(device.deviceId());
                    counts.requeued++;
                }
            }
            for (EndpointOwnership.Owner owner : page.owners()) {
                if (devices.find(owner.deviceId()).isEmpty() && forgetOrphan(owner)) {
                    counts.orphans++;
                }
            }
            store.savePosition(page.next());
            if (page.next() == null) {
                counts.complete = true;
                return;
            }
            from = page.next();
        }
    }

    /** An ownership item whose device is gone (an erasure or a worker died half-way): its endpoint is nobody's. */
    private boolean forgetOrphan(EndpointOwnership.Owner owner) {
        Optional<EndpointOwnership.Owner> current = ownership.find(owner.key());
        if (current.isEmpty() || !current.get().deviceId().equals(owner.deviceId())) {
            return false;
        }
        pace.run();
        if (current.get().endpointArn() != null) {
            endpoints.delete(current.get().endpointArn());
        }
        ownership.forget(current.get());
        return true;
    }

    /** The last day the device showed life: its last feed read, change or registration. */
    static LocalDate lastSeen(Device device) {
        return Stream.of(device.lastSeenDay(), day(device.updatedAt()), day(device.createdAt()))
                .filter(d -> d != null && !d.isEmpty())
                .map(LocalDate::parse)
                .max(LocalDate::compareTo)
                .orElse(LocalDate.MIN);
    }

    private static String day(String instant) {
        return instant == null || instant.length() < 10 ? null : instant.substring(0, 10);
    }

    private void report(Result result) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("DevicesRemoved", (long) result.removed());
        counts.put("DevicesRemovedDisabled", (long) result.removedDisabled());
        counts.put("DevicesRemovedInactive", (long) result.removedInactive());
        metrics.counts(counts, Map.of());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("scanned", result.scanned());
        fields.put("removed", result.removed());
        fields.put("removedDisabled", result.removedDisabled());
        fields.put("removedInactive", result.removedInactive());
        fields.put("erasuresFinished", result.erasuresFinished());
        fields.put("requeued", result.requeued());
        fields.put("orphansForgotten", result.orphansForgotten());
        fields.put("passComplete", result.passComplete());
        LOG.info("device sweep", fields);
    }
}
