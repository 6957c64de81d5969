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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import no.nabolag.core.log.JsonLog;
import no.nabolag.core.metrics.Metrics;

/**
 * Works one delivery task (an audience shard of a post, or one deferral shard of a minute's deferred pushes) page by
 * page.
 *
 * <h2>Exactly once, as far as SNS allows</h2>
 * <ul>
 *   <li>A lease per task (conditional put) keeps two copies of one SQS message from working a shard at once; a copy
 *   that finds a live lease returns success, because the holder's own message is still in flight and is redelivered
 *   if the holder dies.</li>
 *   <li>Each finished page is recorded once with a conditional put holding the page's LastEvaluatedKey; a
 *   redelivered message resumes after the last finished page.</li>
 *   <li>A page whose pushes could not all be made (throttled beyond the retries, a server error) records which devices
 *   it already handled (sent, failed, disabled, deferred) before failing, so the retry pushes only the rest. A push
 *   SNS refuses for good counts as failed for its device and does not hold the page back.</li>
 *   <li>What can still repeat: pushes of one page when the process dies mid-page (timeout, crash) after sending some,
 *   and pushes of one page if a lease expired while its holder was still alive. Never more than one page.</li>
 * </ul>
 *
 * <h2>Taking turns</h2>
 * A run stops after its time slice (and when the Lambda's remaining time runs low), releases the lease and continues
 * in a new message at the back of the queue, so that the messages of posts queued together interleave. A run that
 * completes a task of a chain works the chain's next task on while its slice lasts, and otherwise sends it (see
 * {@link DeliveryTask}); so a turn is a time slice, whatever the size of the shards.
 *
 * <h2>Figures</h2>
 * Each page adds its figures to its part's own item ({@link DeliveryFiguresStore}); the post item is never written.
 */
public final class DeliveryService {
    public enum Result { COMPLETED, CONTINUED, SKIPPED, STOPPED }

    /**
     * @param pageSize       subscription items (or deferrals) per page
     * @param lease          how long a lease lasts without renewal
     * @param minimumReserve Lambda time kept in hand when handing over to a continuation
     * @param timeSlice      how long a run works before it takes its turn again at the back of the queue (0: no limit)
     * @param deferralShards over how many keys a minute's deferrals are spread
     * @param readAhead      runs calls that do not wait for each other at the same time: a task's first reads (the
     *                       post with the progress, the audience page with the handled devices; on small shards, as
     *                       an urgent post's, those round trips are most of a task's time), and the next page's
     *                       read and the page's deferral writes while the page's pushes go out, so their latency
     *                       does not stall the pace (a worker's token bucket holds only 0.1 s of pushes; every
     *                       millisecond between pages beyond that is quota lost); null = one after the other
     */
    public record Options(int pageSize, Duration lease, Duration minimumReserve, Duration timeSlice,
                          int deferralShards, Executor readAhead) {
        public Options(int pageSize, Duration lease, Duration minimumReserve, Duration timeSlice, int deferralShards) {
            this(pageSize, lease, minimumReserve, timeSlice, deferralShards, null);
        }
    }

    private static final JsonLog LOG = JsonLog.forClass(DeliveryService.class);
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Oslo");

    private final AudienceReader audience;
    private final DeliveryLedger ledger;
    private final DeliveryPosts posts;
    private final DeliveryFiguresStore figuresStore;
    private final PushDispatcher dispatcher;
    private final Supplier<TokenBucket> deferralWrites;
    private final EndpointDeactivator deactivator;
    private final DeliveryQueue queue;
    private final Clock clock;
    private final Metrics metrics;
    private final Options options;

    /**
     * @param deferralWrites the calling worker's pace for writing deferrals (they cost no push, so the push rate does
     *                       not bound them; this keeps each deferral key under DynamoDB's per-partition write limit)
     */
    public DeliveryService(AudienceReader audience, DeliveryLedger ledger, DeliveryPosts posts,
                           DeliveryFiguresStore figuresStore, PushDispatcher dispatcher,
                           Supplier<TokenBucket> deferralWrites, EndpointDeactivator deactivator, DeliveryQueue queue,
                           Clock clock, Metrics metrics, Options options) {
        this.audience = audience;
        this.ledger = ledger;
        this.posts = posts;
        this.figuresStore = figuresStore;
        this.dispatcher = dispatcher;
        this.deferralWrites = deferralWrites;
        this.deactivator = deactivator;
        this.queue = queue;
        this.clock = clock;
        this.metrics = metrics;
        this.options = options;
    }

    /**
     * Works a task and, while its time slice lasts, the next tasks of its chain: a chain of small shards (a small
     * post, an urgent post to a few hundred devices) is done in one turn instead of one queue round trip per shard.
     * When the slice is used up the chain's next task (or the rest of the current one) goes to the back of the queue.
     *
     * @param remainingMillis the Lambda's remaining time
     * @return the result of the last task worked
     */
    public Result run(DeliveryTask task, LongSupplier remainingMillis) {
        long startedNanos = System.nanoTime();
        DeliveryTask current = task;
        DeliveryPost post = null;
        long slowestPageMillis = 0;
        while (true) {
            Run run = new Run(current, remainingMillis, startedNanos, post, slowestPageMillis);
            Result result = Result.SKIPPED;
            try {
                result = run.execute();
            } finally {
                run.report(result);
            }
            if (run.next == null) {
                return result;
            }
            if (run.sliceUsed() || remainingMillis.getAsLong() < run.reserveMillis()) {
                queue.sendAll(List.of(run.next));
                return result;
            }
            // The lease and progress records are per task, so a crash here loses nothing: the message of the task
            // that started this run is redelivered, finds its task done and hands the chain on again.
            current = run.next;
            post = run.lastPost;
            slowestPageMillis = run.slowestPageMillis;
        }
    }

    private final class Run {
        final DeliveryTask task;
        final LongSupplier remainingMillis;
        final String key;
        final String owner = UUID.randomUUID().toString();
        /** When the invocation's turn began (the slice covers every task of the chain worked in it). */
        final long startedNanos;
        final Map<String, Figures> figures = new LinkedHashMap<>();
        final Map<String, PushPayloads> payloads = new HashMap<>();
        boolean leaseHeld;
        /** The next page's read, started while this page's pushes went out (see {@link Options#readAhead}). */
        Map<String, String> readAheadKey;
        CompletableFuture<?> readAhead;
        int pages;
        /** The slowest page of the turn so far (this task and the chain's earlier ones). */
        long slowestPageMillis;
        /** The post as last read (each page reads it, to stop when it is withdrawn); used to find the chain's next. */
        DeliveryPost lastPost;
        /** The chain's next task, once this one is completed. */
        DeliveryTask next;
        /** The post, read while the progress is (for the first page). */
        CompletableFuture<Optional<DeliveryPost>> postRead;

        Run(DeliveryTask task, LongSupplier remainingMillis, long startedNanos, DeliveryPost post,
            long slowestPageMillis) {
            this.task = task;
            this.remainingMillis = remainingMillis;
            this.key = task.progressKey();
            this.startedNanos = startedNanos;
            this.lastPost = post;
            this.slowestPageMillis = slowestPageMillis;
        }

        Result execute() {
            if (!ledger.acquireLease(key, owner, clock.instant(), options.lease())) {
                return Result.SKIPPED;
            }
            leaseHeld = true;
            try {
                if (task.forShard()) {
                    postRead = alongside(() -> posts.find(task.postId()));
                }
                Optional<DeliveryLedger.PageRecord> last = ledger.lastPage(key);
                if (last.isPresent() && last.get().last()) {
                    return completed();
                }
                int page = last.map(p -> p.page() + 1).orElse(0);
                Map<String, String> startKey = last.map(DeliveryLedger.PageRecord::nextKey).orElse(null);
                while (true) {
                    if (pages > 0) {
                        if (remainingMillis.getAsLong() < reserveMillis() || sliceUsed()) {
                            ledger.releaseLease(key, owner);
                            leaseHeld = false;
                            queue.sendAll(List.of(task.continueAt(page, startKey)));
                            return Result.CONTINUED;
                        }
                        if (!ledger.acquireLease(key, owner, clock.instant(), options.lease())) {
                            return Result.SKIPPED;
                        }
                    }
                    long started = System.nanoTime();
                    PageResult result = task.forShard() ? shardPage(page, startKey) : deferredPage(page, startKey);
                    pages++;
                    slowestPageMillis = Math.max(slowestPageMillis, (System.nanoTime() - started) / 1_000_000);
                    if (result.stop() != null) {
                        return result.stop() == Result.COMPLETED ? completed() : result.stop();
                    }
                    if (result.nextKey() == null) {
                        return completed();
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

        /**
         * The task is done: find the chain's next task (also when a redelivered copy finds it done, in case the hand-on
         * was lost); {@link DeliveryService#run} works it on or queues it.
         */
        Result completed() {
            if (task.forShard() && task.stride() != null) {
                DeliveryPost post = lastPost != null ? lastPost
                        : (postRead != null ? joined(postRead) : posts.find(task.postId())).orElse(null);
                if (post != null && post.published()) {
                    next = task.nextInChain(post.districtIds()).orElse(null);
                }
            }
            return Result.COMPLETED;
        }

        /** Whether another page would end past the turn's slice (so a turn overruns it by less than a page). */
        boolean sliceUsed() {
            return !options.timeSlice().isZero() && System.nanoTime() - startedNanos
                    + slowestPageMillis * 1_000_000 >= options.timeSlice().toNanos();
        }

        long reserveMillis() {
            return Math.max(options.minimumReserve().toMillis(), 3 * slowestPageMillis);
        }

        boolean hasTime() {
            return remainingMillis.getAsLong() > reserveMillis() / 2;
        }

        void renewLease() {
            ledger.acquireLease(key, owner, clock.instant(), options.lease());
        }

        PageResult shardPage(int page, Map<String, String> startKey) {
            Optional<DeliveryPost> found = postRead != null ? joined(postRead) : posts.find(task.postId());
            postRead = null;
            if (found.isEmpty() || !found.get().published()) {
                LOG.info("Post not deliverable; shard stops", Map.of("postId", task.postId(),
                        "shard", task.audienceShard(), "status", found.map(DeliveryPost::status).orElse("MISSING")));
                return new PageResult(null, Result.STOPPED);
            }
            DeliveryPost post = found.get();
            lastPost = post;
            Instant now = clock.instant();
            if (post.expiredAt(now)) {
                ledger.recordPage(key, new DeliveryLedger.PageRecord(page, null), Figures.ZERO);
                return new PageResult(null, Result.COMPLETED);
            }
            CompletableFuture<Set<String>> handledRead = pages == 0
                    ? alongside(() -> ledger.handledInPage(key, page)) : CompletableFuture.completedFuture(Set.of());
            AudienceReader.Page members = read(startKey,
                    from -> audience.page(task.audienceShard(), from, options.pageSize()));
            readAhead(members.nextKey(), from -> audience.page(task.audienceShard(), from, options.pageSize()));
            Set<String> handled = joined(handledRead);
            PushPayloads payload = payloads.computeIfAbsent(post.postId(), id -> new PushPayloads(post, now));
            List<Deferral> deferrals = new ArrayList<>();
            List<PushMessage> pushes = new ArrayList<>();
            for (AudienceMember member : members.members()) {
                // No endpoint yet: the device's endpoint is still being created (it gets the next post).
                if (!member.active() || member.endpointArn() == null || member.endpointArn().isEmpty()
                        || handled.contains(post.postId() + "#" + member.deviceId())
                        || !AudienceMatcher.sendsHere(post, member)) {
                    continue;
                }
                Optional<Instant> quietUntil = post.urgent() ? Optional.empty() : member.quietHours()
                        .flatMap(q -> q.endOfWindowContaining(now, zone(member.timeZone())));
                if (quietUntil.isPresent()) {
                    deferrals.add(new Deferral(Deferral.minuteAtOrAfter(quietUntil.get()),
                            Deferral.shardOf(member.deviceId(), options.deferralShards()), post.postId(),
                            Recipient.of(member)));
                } else {
                    pushes.add(payload.messageFor(Recipient.of(member)));
                }
            }
            CompletableFuture<?> deferred = CompletableFuture.completedFuture(null);
            if (!deferrals.isEmpty()) {
                TokenBucket pace = deferralWrites.get();
                deferred = alongside(() -> {
                    pace.acquire(deferrals.size());
                    ledger.defer(deferrals);
                    return null;
                });
            }
            Outcomes outcomes = push(pushes);
            try {
                joined(deferred);
            } catch (RuntimeException e) {
                // The page's pushes went out while its deferrals failed to be written: remember the pushed devices
                // (and count them), so the page's retry writes the deferrals and pushes only the rest.
                Map<String, Figures> pushedFigures = new HashMap<>();
                List<String> pushed = new ArrayList<>();
                outcomes.count(pushedFigures, pushed, false);
                ledger.addHandled(key, page, pushed);
                count(pushedFigures, outcomes);
                throw e;
            }
            Map<String, Figures> pageFigures = new HashMap<>();
            List<String> handledIds = new ArrayList<>();
            for (Deferral deferral : deferrals) {
                pageFigures.merge(deferral.postId(), Figures.DEFERRED, Figures::plus);
                handledIds.add(deferral.handledId());
            }
            outcomes.count(pageFigures, handledIds, false);
            return finishPage(page, members.nextKey(), outcomes, pageFigures, handledIds);
        }

        PageResult deferredPage(int page, Map<String, String> startKey) {
            CompletableFuture<Set<String>> handledRead = pages == 0
                    ? alongside(() -> ledger.handledInPage(key, page)) : CompletableFuture.completedFuture(Set.of());
            DeliveryLedger.DeferralPage due = read(startKey,
                    from -> ledger.deferrals(task.minute(), task.shard(), from, options.pageSize()));
            readAhead(due.nextKey(), from -> ledger.deferrals(task.minute(), task.shard(), from, options.pageSize()));
            Set<String> handled = joined(handledRead);
            Instant now = clock.instant();
            Map<String, Optional<DeliveryPost>> postsOfPage = new HashMap<>();
            List<PushMessage> pushes = new ArrayList<>();
            for (Deferral deferral : due.deferrals()) {
                if (handled.contains(deferral.handledId())) {
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
            Outcomes outcomes = push(pushes);
            Map<String, Figures> pageFigures = new HashMap<>();
            List<String> handledIds = new ArrayList<>();
            outcomes.count(pageFigures, handledIds, true);
            return finishPage(page, due.nextKey(), outcomes, pageFigures, handledIds);
        }

        /** The page at {@code startKey}: the read started ahead for it if there is one, else read now. */
        @SuppressWarnings("unchecked")
        <T> T read(Map<String, String> startKey, Function<Map<String, String>, T> reader) {
            CompletableFuture<?> ahead = readAhead;
            readAhead = null;
            if (ahead != null && Objects.equals(readAheadKey, startKey)) {
                try {
                    return (T) joined(ahead);
                } catch (RuntimeException e) {
                    LOG.warn("Read ahead failed; reading again", Map.of("task", task.label(),
                            "error", String.valueOf(e)));
                }
            }
            return reader.apply(startKey);
        }

        /** Starts reading the next page, if there is one and an executor for it. */
        <T> void readAhead(Map<String, String> nextKey, Function<Map<String, String>, T> reader) {
            if (options.readAhead() != null && nextKey != null) {
                readAheadKey = nextKey;
                readAhead = alongside(() -> reader.apply(nextKey));
            }
        }

        Outcomes push(List<PushMessage> pushes) {
            Instant first = clock.instant();
            Map<PushOutcome, List<PushMessage>> byOutcome = pushes.isEmpty() ? Map.of()
                    : dispatcher.dispatch(pushes, this::hasTime, this::renewLease);
            Instant last = clock.instant();
            Outcomes outcomes = new Outcomes(byOutcome, first, last);
            Set<String> deactivated = new HashSet<>();
            for (PushMessage push : outcomes.get(PushOutcome.DISABLED)) {
                if (deactivated.add(push.deviceId())) {
                    deactivator.deactivate(push.deviceId());
                }
            }
            return outcomes;
        }

        /** Counts the page, then records it (or, when some pushes are to be retried, its handled part, and fails). */
        PageResult finishPage(int page, Map<String, String> nextKey, Outcomes outcomes,
                              Map<String, Figures> pageFigures, List<String> handledIds) {
            List<PushMessage> retry = outcomes.toRetry();
            if (!retry.isEmpty()) {
                ledger.addHandled(key, page, handledIds);
                count(pageFigures, outcomes);
                throw new DeliveryFailedException(retry.size() + " of " + outcomes.total()
                        + " pushes left to retry in page " + page + " of " + task.label());
            }
            Figures total = pageFigures.values().stream().reduce(Figures.ZERO, Figures::plus);
            boolean recorded = ledger.recordPage(key, new DeliveryLedger.PageRecord(page, nextKey), total);
            count(pageFigures, outcomes);
            if (!recorded) {
                LOG.warn("Page already recorded by another worker; stopping", Map.of("task", task.label(),
                        "page", page));
                return new PageResult(null, Result.SKIPPED);
            }
            return new PageResult(nextKey, null);
        }

        void count(Map<String, Figures> pageFigures, Outcomes outcomes) {
            pageFigures.forEach((postId, f) -> {
                if (!f.isZero()) {
                    boolean sent = outcomes.sentFor(postId);
                    figuresStore.add(postId, task.part(), f, sent ? outcomes.first : null,
                            sent ? outcomes.last : null);
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

    /** The pushes of a page by outcome, and when they were made. */
    private record Outcomes(Map<PushOutcome, List<PushMessage>> byOutcome, Instant first, Instant last) {
        List<PushMessage> get(PushOutcome outcome) {
            return byOutcome.getOrDefault(outcome, List.of());
        }

        int total() {
            return byOutcome.values().stream().mapToInt(List::size).sum();
        }

        /** Left for the page's retry: throttled beyond the retries, or no answer / a server error. */
        List<PushMessage> toRetry() {
            List<PushMessage> retry = new ArrayList<>(get(PushOutcome.THROTTLED));
            retry.addAll(get(PushOutcome.UNAVAILABLE));
            return retry;
        }

        boolean sentFor(String postId) {
            return get(PushOutcome.SENT).stream().anyMatch(p -> p.postId().equals(postId));
        }

        /** Adds each device that reached an outcome to the page's figures and handled ids. */
        void count(Map<String, Figures> pageFigures, List<String> handledIds, boolean released) {
            Map<PushOutcome, Figures> figuresOf = Map.of(PushOutcome.SENT, Figures.SENT,
                    PushOutcome.FAILED, Figures.FAILED, PushOutcome.DISABLED, Figures.DISABLED);
            figuresOf.forEach((outcome, f) -> {
                Figures change = released ? f.afterDeferral() : f;
                for (PushMessage push : get(outcome)) {
                    pageFigures.merge(push.postId(), change, Figures::plus);
                    handledIds.add(push.handledId());
                }
            });
        }
    }

    private record PageResult(Map<String, String> nextKey, Result stop) {
    }

    /** A call made at the same time as the caller's next ones (see {@link Options#readAhead}), or at once without one. */
    private <T> CompletableFuture<T> alongside(Supplier<T> call) {
        return options.readAhead() == null ? CompletableFuture.completedFuture(call.get())
                : CompletableFuture.supplyAsync(call, options.readAhead());
    }

    /** The result of a read made at once with another; its failure is thrown as the read threw it. */
    private static <T> T joined(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
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
