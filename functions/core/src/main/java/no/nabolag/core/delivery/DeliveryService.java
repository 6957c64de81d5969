package no.nabolag.core.delivery;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import no.nabolag.core.log.JsonLog;
import no.nabolag.core.metrics.Metrics;

/**
 * Works one delivery task (an audience shard of a post, or the pushes deferred to a minute) page by page.
 *
 * <h2>Exactly once, as far as SNS allows</h2>
 * <ul>
 *   <li>A lease per task (conditional put) keeps two copies of one SQS message from working a shard at once; a copy
 *   that finds a live lease returns success, because the holder's own message is still in flight and is redelivered
 *   if the holder dies.</li>
 *   <li>Each finished page is recorded once with a conditional put holding the page's LastEvaluatedKey; a
 *   redelivered message resumes after the last finished page.</li>
 *   <li>A page that fails half-way (an error other than throttling) records which devices it already handled
 *   (sent, disabled, deferred) before failing, so the retry pushes only the rest.</li>
 *   <li>What can still repeat: pushes of one page when the process dies mid-page (timeout, crash) after sending some,
 *   and pushes of one page if a lease expired while its holder was still alive. Never more than one page.</li>
 * </ul>
 * When the Lambda's remaining time runs low, the lease is released and the rest continues in a message of its own.
 */
public final class DeliveryService {
    public enum Result { COMPLETED, CONTINUED, SKIPPED, STOPPED }

    private static final JsonLog LOG = JsonLog.forClass(DeliveryService.class);
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Oslo");

    private final AudienceReader audience;
    private final DeliveryLedger ledger;
    private final DeliveryPosts posts;
    private final PushDispatcher dispatcher;
    private final EndpointDeactivator deactivator;
    private final DeliveryQueue queue;
    private final Clock clock;
    private final Metrics metrics;
    private final int pageSize;
    private final Duration lease;
    private final Duration minimumReserve;

    public DeliveryService(AudienceReader audience, DeliveryLedger ledger, DeliveryPosts posts,
                           PushDispatcher dispatcher, EndpointDeactivator deactivator, DeliveryQueue queue,
                           Clock clock, Metrics metrics, int pageSize, Duration lease, Duration minimumReserve) {
        this.audience = audience;
        this.ledger = ledger;
        this.posts = posts;
        this.dispatcher = dispatcher;
        this.deactivator = deactivator;
        this.queue = queue;
        this.clock = clock;
        this.metrics = metrics;
        this.pageSize = pageSize;
        this.lease = lease;
        this.minimumReserve = minimumReserve;
    }

    /** @param remainingMillis the Lambda's remaining time */
    public Result run(DeliveryTask task, LongSupplier remainingMillis) {
        Run run = new Run(task, remainingMillis);
        Result result = Result.SKIPPED;
        try {
            result = run.execute();
            return result;
        } finally {
            run.report(result);
        }
    }

    private final class Run {
        final DeliveryTask task;
        final LongSupplier remainingMillis;
        final String key;
        final String owner = UUID.randomUUID().toString();
        final Map<String, Figures> figures = new LinkedHashMap<>();
        final Map<String, PushPayloads> payloads = new HashMap<>();
        boolean leaseHeld;
        int pages;
        long slowestPageMillis;

        Run(DeliveryTask task, LongSupplier remainingMillis) {
            this.task = task;
            this.remainingMillis = remainingMillis;
            this.key = task.progressKey();
        }

        Result execute() {
            if (!ledger.acquireLease(key, owner, clock.instant(), lease)) {
                return Result.SKIPPED;
            }
            leaseHeld = true;
            try {
                Optional<DeliveryLedger.PageRecord> last = ledger.lastPage(key);
                if (last.isPresent() && last.get().last()) {
                    return Result.COMPLETED;
                }
                int page = last.map(p -> p.page() + 1).orElse(0);
                Map<String, String> startKey = last.map(DeliveryLedger.PageRecord::nextKey).orElse(null);
                while (true) {
                    if (pages > 0) {
                        if (remainingMillis.getAsLong() < reserveMillis()) {
                            ledger.releaseLease(key, owner);
                            leaseHeld = false;
                            queue.sendAll(List.of(task.continueAt(page, startKey)));
                            return Result.CONTINUED;
                        }
                        if (!ledger.acquireLease(key, owner, clock.instant(), lease)) {
                            return Result.SKIPPED;
                        }
                    }
                    long started = System.nanoTime();
                    PageResult result = task.forShard() ? shardPage(page, startKey) : deferredPage(page, startKey);
                    pages++;
                    slowestPageMillis = Math.max(slowestPageMillis, (System.nanoTime() - started) / 1_000_000);
                    if (result.stop() != null) {
                        return result.stop();
                    }
                    if (result.nextKey() == null) {
                        return Result.COMPLETED;
                    }
                    page++;
                    startKey = result.nextKey();
                }
            } finally {
                if (leaseHeld) {
                    ledger.releaseLease(key, owner);
                }
            }
        }

        long reserveMillis() {
            return Math.max(minimumReserve.toMillis(), 3 * slowestPageMillis);
        }

        boolean hasTime() {
            return remainingMillis.getAsLong() > reserveMillis() / 2;
        }

        void renewLease() {
            ledger.acquireLease(key, owner, clock.instant(), lease);
        }

        PageResult shardPage(int page, Map<String, String> startKey) {
            Optional<DeliveryPost> found = posts.find(task.postId());
            if (found.isEmpty() || !found.get().published()) {
                LOG.info("Post not deliverable; shard stops", Map.of("postId", task.postId(),
                        "shard", task.audienceShard(), "status", found.map(DeliveryPost::status).orElse("MISSING")));
                return new PageResult(null, Result.STOPPED);
            }
            DeliveryPost post = found.get();
            Instant now = clock.instant();
            if (post.expiredAt(now)) {
                ledger.recordPage(key, new DeliveryLedger.PageRecord(page, null), Figures.ZERO);
                return new PageResult(null, Result.COMPLETED);
            }
            AudienceReader.Page members = audience.page(task.audienceShard(), startKey, pageSize);
            Set<String> handled = pages == 0 ? ledger.handledInPage(key, page) : Set.of();
            PushPayloads payload = payloads.computeIfAbsent(post.postId(), id -> new PushPayloads(post, now));
            List<Deferral> deferrals = new ArrayList<>();
            List<PushMessage> pushes = new ArrayList<>();
            for (AudienceMember member : members.members()) {
                // No endpointArn: the device's endpoint is still being made (it gets the posts after it exists).
                if (!member.active() || member.endpointArn() == null
                        || handled.contains(post.postId() + "#" + member.deviceId())
                        || !AudienceMatcher.sendsHere(post, member)) {
                    continue;
                }
                Optional<Instant> quietUntil = post.urgent() ? Optional.empty() : member.quietHours()
                        .flatMap(q -> q.endOfWindowContaining(now, zone(member.timeZone())));
                if (quietUntil.isPresent()) {
                    deferrals.add(new Deferral(Deferral.minuteOf(quietUntil.get()), post.postId(),
                            Recipient.of(member)));
                } else {
                    pushes.add(payload.messageFor(Recipient.of(member)));
                }
            }
            ledger.defer(deferrals);
            Map<String, Figures> deferred = new HashMap<>();
            if (!deferrals.isEmpty()) {
                deferred.put(post.postId(), new Figures(deferrals.size(), 0, 0, 0, deferrals.size()));
            }
            List<String> deferredIds = deferrals.stream().map(d -> d.postId() + "#" + d.recipient().deviceId()).toList();
            return finishPage(page, members.nextKey(), pushes, deferred, deferredIds, true);
        }

        PageResult deferredPage(int page, Map<String, String> startKey) {
            DeliveryLedger.DeferralPage due = ledger.deferrals(task.minute(), startKey, pageSize);
            Set<String> handled = pages == 0 ? ledger.handledInPage(key, page) : Set.of();
            Instant now = clock.instant();
            Map<String, Optional<DeliveryPost>> postsOfPage = new HashMap<>();
            List<PushMessage> pushes = new ArrayList<>();
            for (Deferral deferral : due.deferrals()) {
                if (handled.contains(deferral.postId() + "#" + deferral.recipient().deviceId())) {
                    continue;
                }
                Optional<DeliveryPost> post = postsOfPage.computeIfAbsent(deferral.postId(), posts::find);
                if (post.isEmpty() || !post.get().published() || post.get().expiredAt(now)) {
                    continue;
                }
                PushPayloads payload = payloads.computeIfAbsent(deferral.postId(),
                        id -> new PushPayloads(post.get(), now));
                pushes.add(payload.messageFor(deferral.recipient()));
            }
            return finishPage(page, due.nextKey(), pushes, Map.of(), List.of(), false);
        }

        /** Pushes, then records the page (or the handled part of it, and fails). */
        PageResult finishPage(int page, Map<String, String> nextKey, List<PushMessage> pushes,
                              Map<String, Figures> deferred, List<String> deferredIds, boolean countMatches) {
            Instant first = clock.instant();
            Map<PushOutcome, List<PushMessage>> outcomes = pushes.isEmpty() ? Map.of()
                    : dispatcher.dispatch(pushes, this::hasTime, this::renewLease);
            Instant last = clock.instant();
            List<PushMessage> sent = outcomes.getOrDefault(PushOutcome.SENT, List.of());
            List<PushMessage> disabled = outcomes.getOrDefault(PushOutcome.DISABLED, List.of());
            List<PushMessage> failed = new ArrayList<>(outcomes.getOrDefault(PushOutcome.FAILED, List.of()));
            failed.addAll(outcomes.getOrDefault(PushOutcome.THROTTLED, List.of()));
            Set<String> deactivated = new HashSet<>();
            for (PushMessage push : disabled) {
                if (deactivated.add(push.deviceId())) {
                    deactivator.deactivate(push.deviceId());
                }
            }
            Map<String, Figures> pageFigures = new HashMap<>(deferred);
            long match = countMatches ? 1 : 0;
            sent.forEach(p -> pageFigures.merge(p.postId(), new Figures(match, 1, 0, 0, 0), Figures::plus));
            disabled.forEach(p -> pageFigures.merge(p.postId(), new Figures(match, 0, 0, 1, 0), Figures::plus));
            failed.forEach(p -> pageFigures.merge(p.postId(), new Figures(0, 0, 1, 0, 0), Figures::plus));
            Figures total = pageFigures.values().stream().reduce(Figures.ZERO, Figures::plus);

            if (!failed.isEmpty()) {
                List<String> handledIds = new ArrayList<>(deferredIds);
                sent.forEach(p -> handledIds.add(p.handledId()));
                disabled.forEach(p -> handledIds.add(p.handledId()));
                ledger.addHandled(key, page, handledIds);
                count(pageFigures, sent.isEmpty() ? null : first, sent.isEmpty() ? null : last);
                throw new DeliveryFailedException(failed.size() + " of " + pushes.size() + " pushes failed in page "
                        + page + " of " + task.label());
            }
            boolean recorded = ledger.recordPage(key, new DeliveryLedger.PageRecord(page, nextKey), total);
            count(pageFigures, sent.isEmpty() ? null : first, sent.isEmpty() ? null : last);
            if (!recorded) {
                LOG.warn("Page already recorded by another worker; stopping", Map.of("task", task.label(),
                        "page", page));
                return new PageResult(null, Result.SKIPPED);
            }
            return new PageResult(nextKey, null);
        }

        void count(Map<String, Figures> pageFigures, Instant first, Instant last) {
            pageFigures.forEach((postId, f) -> {
                if (!f.isZero()) {
                    posts.addFigures(postId, f, f.sent() > 0 ? first : null, f.sent() > 0 ? last : null);
                    figures.merge(postId, f, Figures::plus);
                }
            });
        }

        void report(Result result) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("task", task.label());
            fields.put("result", result.name());
            fields.put("pages", pages);
            if (figures.isEmpty()) {
                LOG.info("Delivery run", fields);
            }
            figures.forEach((postId, f) -> {
                Map<String, Object> line = new LinkedHashMap<>(fields);
                line.put("postId", postId);
                line.putAll(f.asMap());
                LOG.info("Delivery run", line);
                metrics.counts(f.asMetrics(), Map.of("postId", postId));
            });
        }
    }

    private record PageResult(Map<String, String> nextKey, Result stop) {
    }

    static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return DEFAULT_ZONE;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return DEFAULT_ZONE;
        }
    }
}
