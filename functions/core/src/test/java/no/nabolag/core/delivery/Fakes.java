package no.nabolag.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * In-memory stand-ins for the stores, the queue and SNS, for fast tests of the delivery rules (and, through core's
 * test-jar, of the delivery and fan-out handlers).
 */
public final class Fakes {
    private Fakes() {
    }

    public static final class Audience implements AudienceReader {
        final Map<String, List<AudienceMember>> shards = new HashMap<>();
        int reads;

        public void add(String shard, AudienceMember member) {
            shards.computeIfAbsent(shard, s -> new ArrayList<>()).add(member);
            shards.get(shard).sort((a, b) -> a.deviceId().compareTo(b.deviceId()));
        }

        @Override
        public Page page(String audienceShard, Map<String, String> startKey, int limit) {
            reads++;
            List<AudienceMember> all = shards.getOrDefault(audienceShard, List.of());
            int from = 0;
            if (startKey != null) {
                String after = startKey.get("deviceId");
                while (from < all.size() && all.get(from).deviceId().compareTo(after) <= 0) {
                    from++;
                }
            }
            List<AudienceMember> page = all.subList(from, Math.min(all.size(), from + limit));
            Map<String, String> next = from + limit < all.size()
                    ? Map.of("deviceId", page.get(page.size() - 1).deviceId(), "audienceShard", audienceShard)
                    : null;
            return new Page(List.copyOf(page), next);
        }
    }

    public static final class Ledger implements DeliveryLedger {
        final Map<String, TreeMap<Integer, PageRecord>> pages = new ConcurrentHashMap<>();
        final Map<String, Set<String>> handled = new ConcurrentHashMap<>();
        final Map<String, String[]> leases = new ConcurrentHashMap<>();
        final Map<String, Map<String, Deferral>> deferrals = new ConcurrentHashMap<>();
        Optional<String> watermark = Optional.empty();

        @Override
        public synchronized Optional<PageRecord> lastPage(String progressKey) {
            TreeMap<Integer, PageRecord> records = pages.get(progressKey);
            return records == null || records.isEmpty() ? Optional.empty() : Optional.of(records.lastEntry().getValue());
        }

        @Override
        public synchronized boolean recordPage(String progressKey, PageRecord record, Figures figures) {
            return pages.computeIfAbsent(progressKey, k -> new TreeMap<>()).putIfAbsent(record.page(), record) == null;
        }

        @Override
        public Set<String> handledInPage(String progressKey, int page) {
            return Set.copyOf(handled.getOrDefault(progressKey + page, Set.of()));
        }

        @Override
        public void addHandled(String progressKey, int page, Collection<String> deviceIds) {
            handled.computeIfAbsent(progressKey + page, k -> new HashSet<>()).addAll(deviceIds);
        }

        @Override
        public synchronized boolean acquireLease(String progressKey, String owner, Instant now, Duration duration) {
            String[] lease = leases.get(progressKey);
            if (lease == null || lease[0].equals(owner) || Long.parseLong(lease[1]) < now.toEpochMilli()) {
                leases.put(progressKey, new String[] {owner, Long.toString(now.plus(duration).toEpochMilli())});
                return true;
            }
            return false;
        }

        @Override
        public synchronized void releaseLease(String progressKey, String owner) {
            String[] lease = leases.get(progressKey);
            if (lease != null && lease[0].equals(owner)) {
                leases.remove(progressKey);
            }
        }

        @Override
        public void defer(List<Deferral> list) {
            list.forEach(d -> deferrals.computeIfAbsent(d.minute(), m -> new TreeMap<>())
                    .put(d.postId() + "#" + d.recipient().deviceId(), d));
        }

        @Override
        public DeferralPage deferrals(String minute, Map<String, String> startKey, int limit) {
            TreeMap<String, Deferral> all = new TreeMap<>(deferrals.getOrDefault(minute, Map.of()));
            Map<String, Deferral> tail = startKey == null ? all : all.tailMap(startKey.get("sk"), false);
            List<Deferral> page = tail.values().stream().limit(limit).toList();
            boolean more = tail.size() > limit;
            return new DeferralPage(page, more ? Map.of("sk", page.get(page.size() - 1).postId() + "#"
                    + page.get(page.size() - 1).recipient().deviceId()) : null);
        }

        @Override
        public boolean hasDeferrals(String minute) {
            return !deferrals.getOrDefault(minute, Map.of()).isEmpty();
        }

        @Override
        public Optional<String> deferralWatermark() {
            return watermark;
        }

        @Override
        public boolean advanceDeferralWatermark(Optional<String> expected, String minute) {
            if (!watermark.equals(expected)) {
                return false;
            }
            watermark = Optional.of(minute);
            return true;
        }
    }

    public static final class Posts implements DeliveryPosts {
        public final Map<String, DeliveryPost> posts = new ConcurrentHashMap<>();
        final Map<String, Figures> figures = new ConcurrentHashMap<>();

        @Override
        public Optional<DeliveryPost> find(String postId) {
            return Optional.ofNullable(posts.get(postId));
        }

        @Override
        public void addFigures(String postId, Figures f, Instant firstPush, Instant lastPush) {
            figures.merge(postId, f, Figures::plus);
        }
    }

    /** Records every accepted publish; a script decides each publish's outcome (default SENT). */
    public static final class Gateway implements PushGateway {
        public final List<PushMessage> sent = new CopyOnWriteArrayList<>();
        volatile Function<PushMessage, PushOutcome> script = m -> PushOutcome.SENT;
        int calls;

        @Override
        public synchronized CompletableFuture<PushOutcome> publish(PushMessage message) {
            calls++;
            PushOutcome outcome = script.apply(message);
            if (outcome == PushOutcome.SENT) {
                sent.add(message);
            }
            return CompletableFuture.completedFuture(outcome);
        }
    }

    public static final class Queue implements DeliveryQueue {
        public final List<DeliveryTask> sent = new CopyOnWriteArrayList<>();

        @Override
        public void sendAll(List<DeliveryTask> tasks) {
            sent.addAll(tasks);
        }
    }

    public static final class Deactivator implements EndpointDeactivator {
        final Set<String> deactivated = ConcurrentHashMap.newKeySet();

        @Override
        public void deactivate(String deviceId) {
            deactivated.add(deviceId);
        }
    }
}
