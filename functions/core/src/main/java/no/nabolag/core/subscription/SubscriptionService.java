package no.nabolag.core.subscription;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import no.nabolag.core.catalog.Catalog;
import no.nabolag.core.catalog.District;
import no.nabolag.core.device.Device;
import no.nabolag.core.device.DeviceErasure;
import no.nabolag.core.device.DeviceStore;
import no.nabolag.core.device.DeviceSubscriptions;
import no.nabolag.core.device.QuietHours;
import no.nabolag.core.error.FieldError;
import no.nabolag.core.error.InvalidInputException;
import no.nabolag.core.error.UnauthorizedException;
import no.nabolag.core.error.UnavailableException;

/**
 * A device's choices: read them, replace them, and rewrite its items when the device changes.
 *
 * <h2>Replacing without transactions</h2>
 * DynamoDB transactions are not used (the local emulator lacks them, and single-item writes scale better).
 * "Nothing half-written" is reached like this:
 * <ol>
 *   <li>Everything is validated first (shape, known districts and categories); on any error nothing is written.</li>
 *   <li>The device item gets the new quiet hours.</li>
 *   <li>The items are written under a write lease on the device ({@link DeviceStore#openWrites}), which its
 *       erasure waits for and refuses after its tombstone, so an erasure running at the same time is final.</li>
 *   <li>Every item of the desired state that differs from what is stored is put whole (BatchWriteItem), carrying
 *       the new {@code choices} map and the device's current fields.</li>
 *   <li>Only then are the items of districts no longer followed deleted.</li>
 * </ol>
 * Each step is idempotent and the whole is computed from the desired state and what is stored, so a crash at any
 * point leaves a state that simply repeating the same PUT (the app retries a failed request) completes:
 * the repeat puts the items that still differ and deletes what is still left over. Putting before deleting means
 * a crash never leaves the device following <em>fewer</em> districts than either its old or its new choice; at
 * worst it follows a dropped district until the retry. Reads ({@link #current}) are built from the items
 * themselves, never from one item's copy of {@code choices}, so they show what delivery will act on.
 */
public final class SubscriptionService implements DeviceSubscriptions {
    public static final int MAX_DISTRICTS = 30;
    public static final int MAX_CATEGORIES = 50;
    private final SubscriptionStore store;
    private final DeviceStore devices;
    private final int shards;
    private final AudienceShardCount shardCount;
    private final Clock clock;
    private volatile boolean shardCountRecorded;

    /**
     * @param shards     the audience shards items are written with now (AudienceShards)
     * @param shardCount where the largest count ever written with is kept, so readers cover every item
     */
    public SubscriptionService(SubscriptionStore store, DeviceStore devices, int shards, AudienceShardCount shardCount,
                               Clock clock) {
        this.store = store;
        this.devices = devices;
        this.shards = shards;
        this.shardCount = shardCount;
        this.clock = clock;
    }

    /** The device's choices as stored, by district id, each category list sorted. */
    public Subscriptions current(Device device) {
        List<SubscriptionChoice> choices = store.findByDevice(device.deviceId()).stream()
                .sorted(Comparator.comparing(SubscriptionItem::districtId))
                .map(item -> new SubscriptionChoice(item.districtId(), List.copyOf(item.categories())))
                .toList();
        return new Subscriptions(choices, device.quietHours());
    }

    /** The validation errors of a desired choice set against the catalog; empty when it can be stored. */
    public static List<FieldError> validate(Subscriptions desired, Catalog catalog) {
        return validate(desired, catalog, Map.of());
    }

    /**
     * As {@link #validate(Subscriptions, Catalog)}, but a category the device already follows in a district stays
     * acceptable there after it was retired: retiring a category keeps existing subscriptions working, so an app
     * that sends back its current choices (plus a change) is not refused. A retired category cannot be chosen anew.
     */
    public static List<FieldError> validate(Subscriptions desired, Catalog catalog,
            Map<String, Set<String>> alreadyFollowed) {
        List<FieldError> errors = new ArrayList<>();
        if (desired.subscriptions().size() > MAX_DISTRICTS) {
            errors.add(new FieldError("subscriptions", "at most " + MAX_DISTRICTS + " districts can be followed"));
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < desired.subscriptions().size(); i++) {
            SubscriptionChoice choice = desired.subscriptions().get(i);
            String field = "subscriptions[" + i + "]";
            var district = catalog.activeDistrict(choice.districtId());
            if (district.isEmpty()) {
                errors.add(new FieldError(field + ".districtId", "unknown district '" + choice.districtId() + "'"));
                continue;
            }
            if (!seen.add(choice.districtId())) {
                errors.add(new FieldError(field + ".districtId",
                        "district '" + choice.districtId() + "' is listed more than once"));
            }
            if (choice.categories().isEmpty()) {
                errors.add(new FieldError(field + ".categories", "choose at least one category"));
            }
            if (choice.categories().size() > MAX_CATEGORIES) {
                errors.add(new FieldError(field + ".categories", "at most " + MAX_CATEGORIES + " categories"));
            }
            String tenantId = district.get().tenantId();
            for (int c = 0; c < choice.categories().size(); c++) {
                String categoryId = choice.categories().get(c);
                if (catalog.activeCategory(tenantId, categoryId).isEmpty()
                        && !alreadyFollowed.getOrDefault(choice.districtId(), Set.of()).contains(categoryId)) {
                    errors.add(new FieldError(field + ".categories[" + c + "]",
                            "unknown category '" + categoryId + "' in tenant '" + tenantId + "'"));
                }
            }
        }
        return errors;
    }

    /** Replaces the device's whole choice set (see the class comment for how a crash is repaired). */
    public Subscriptions replace(Device device, Subscriptions desired, Catalog catalog) {
        List<FieldError> errors = validate(desired, catalog);
        if (!errors.isEmpty()) {
            // Only when something is refused: read what the device follows (kept even if since retired).
            Map<String, Set<String>> followed = new HashMap<>();
            store.findByDevice(device.deviceId()).forEach(item -> followed.put(item.districtId(), Set.copyOf(item.categories())));
            errors = validate(desired, catalog, followed);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Device updated = device;
        if (!Objects.equals(device.quietHours(), desired.quietHours())) {
            updated = devices.updatePreferences(device.deviceId(), device.locale(), device.timeZone(),
                    desired.quietHours(), clock.instant().toString()).orElseThrow(SubscriptionService::gone);
        }
        Map<String, Target> targets = new LinkedHashMap<>();
        for (SubscriptionChoice choice : desired.subscriptions()) {
            District district = catalog.activeDistrict(choice.districtId()).orElseThrow();
            targets.put(choice.districtId(), new Target(district.tenantId(), new TreeSet<>(choice.categories())));
        }
        sync(updated.deviceId(), existing -> targets, store::putAll);
        return current(updated);
    }

    /**
     * Rewrites the device's fields in its items after a device change (locale, time zone, token, endpoint, quiet
     * hours). Only those fields, on the items that still exist: the choices it read may already be stale, since a
     * PUT of the resident's choices can run at the same time (the app's first minutes: registration, then choices,
     * while the endpoint is being made).
     */
    @Override
    public void rewrite(Device device) {
        sync(device.deviceId(), existing -> {
            Map<String, Target> targets = new LinkedHashMap<>();
            existing.values().forEach(item -> targets.put(item.districtId(),
                    new Target(item.tenantId(), item.categories())));
            return targets;
        }, store::copyDeviceFields);
    }

    /** Erases every item of the device. */
    @Override
    public void eraseAll(String deviceId) {
        List<String> districts = store.findByDevice(deviceId).stream().map(SubscriptionItem::districtId).toList();
        if (!districts.isEmpty()) {
            store.deleteAll(deviceId, districts);
        }
    }

    private record Target(String tenantId, SortedSet<String> categories) {
    }

    /**
     * Writes the device's items under a write lease ({@link DeviceStore#openWrites}): refused once the device's
     * erasure began, and bounded in time, so an erasure can wait for the writes before it and none after it
     * survive. The items copy the device as stored when the lease opened; if the device changed while they were
     * written (its endpoint arrived, delivery disabled it), they are written again from the device as it is now.
     */
    private void sync(String deviceId, java.util.function.Function<Map<String, SubscriptionItem>, Map<String, Target>> desired,
                      java.util.function.Consumer<List<SubscriptionItem>> write) {
        recordShardCount();
        for (int attempt = 0; ; attempt++) {
            java.time.Instant until = clock.instant().plus(DeviceErasure.WRITE_LEASE);
            Device device = devices.openWrites(deviceId, until).orElseThrow(SubscriptionService::gone);
            Device after;
            try {
                Map<String, SubscriptionItem> existing = new HashMap<>();
                store.findByDevice(deviceId).forEach(item -> existing.put(item.districtId(), item));
                Plan plan = plan(device, desired.apply(existing), existing, shards);
                if (clock.instant().isAfter(until)) {
                    throw new UnavailableException("Storing the subscriptions took too long; retry", 1);
                }
                // Puts first, deletes last: see the class comment.
                if (!plan.puts().isEmpty()) {
                    write.accept(plan.puts());
                }
                if (!plan.deletes().isEmpty()) {
                    store.deleteAll(deviceId, plan.deletes());
                }
            } finally {
                after = devices.closeWrites(deviceId).orElse(null);
            }
            if (after == null || after.erasing() || sameCopy(device, after) || attempt >= 2) {
                return;
            }
        }
    }

    /** Whether the items written from {@code before} still copy {@code after} correctly. */
    private static boolean sameCopy(Device before, Device after) {
        return Objects.equals(before.endpointArn(), after.endpointArn()) && before.active() == after.active()
                && Objects.equals(before.locale(), after.locale()) && Objects.equals(before.timeZone(), after.timeZone())
                && Objects.equals(before.quietHours(), after.quietHours()) && before.platform() == after.platform();
    }

    /** Before the first write of this container: the stored shard count covers the count items are written with. */
    private void recordShardCount() {
        if (!shardCountRecorded) {
            shardCount.record(shards);
            shardCountRecorded = true;
        }
    }

    private static UnauthorizedException gone() {
        return new UnauthorizedException("Unknown device or wrong device secret");
    }

    /** What to put and what to delete to turn the stored items into the desired ones. */
    record Plan(List<SubscriptionItem> puts, List<String> deletes) {
    }

    static Plan plan(Device device, Map<String, Target> targets, Map<String, SubscriptionItem> existing, int shards) {
        Map<String, List<String>> choices = new TreeMap<>();
        targets.forEach((district, target) -> choices.put(district, List.copyOf(target.categories())));
        List<SubscriptionItem> puts = new ArrayList<>();
        targets.forEach((district, target) -> {
            SubscriptionItem wanted = new SubscriptionItem(device.deviceId(), district, target.tenantId(),
                    device.appId(), new TreeSet<>(target.categories()), choices,
                    AudienceShard.key(district, device.deviceId(), shards),
                    device.platform().id(), device.endpointArn(), device.locale(), device.timeZone(),
                    device.quietHours(), device.active());
            if (!wanted.equals(existing.get(district))) {
                puts.add(wanted);
            }
        });
        List<String> deletes = existing.keySet().stream().filter(d -> !targets.containsKey(d)).sorted().toList();
        return new Plan(puts, deletes);
    }

    /** For tests of the plan: the desired state as district -> (tenant, categories). */
    static Map<String, Target> targets(Map<String, String> tenantByDistrict, Map<String, Set<String>> categories) {
        Map<String, Target> targets = new LinkedHashMap<>();
        categories.forEach((d, c) -> targets.put(d, new Target(tenantByDistrict.get(d), new TreeSet<>(c))));
        return targets;
    }

    /** Quiet hours check shared by validation code: both ends valid HH:mm and not equal. */
    public static List<FieldError> validateQuietHours(QuietHours q, String field) {
        List<FieldError> errors = new ArrayList<>();
        if (q == null) {
            return errors;
        }
        if (QuietHours.parseTime(q.start()).isEmpty()) {
            errors.add(new FieldError(field + ".start", "must be a time HH:mm (00:00-23:59)"));
        }
        if (QuietHours.parseTime(q.end()).isEmpty()) {
            errors.add(new FieldError(field + ".end", "must be a time HH:mm (00:00-23:59)"));
        }
        if (errors.isEmpty() && q.start().equals(q.end())) {
            errors.add(new FieldError(field, "start and end must differ"));
        }
        return errors;
    }
}
