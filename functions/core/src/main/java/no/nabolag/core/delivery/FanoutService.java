package no.nabolag.core.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import no.nabolag.core.log.JsonLog;

/**
 * Plans the delivery of a published post: one delivery task per audience shard of each targeted district, in
 * {@code lanes} chains (see {@link DeliveryTask}): the first task of each chain is sent now, each worker that completes
 * a task works the next of its chain on within its time slice, or sends it. Urgent posts go to the urgent lane's
 * queue, the others to the ordinary one: ordinary posts with as many chains as the lane has workers, so one post can
 * use every worker of its lane while a post queued behind it waits at most one time slice for its turn; urgent posts
 * with every task at once (their lane works them in concurrent batches).
 * A post still ACCEPTED is waited for briefly (publication sends the fan-out message before it marks the post
 * PUBLISHED) and otherwise left to redelivery; any other status is skipped.
 * Sending the plan twice is harmless: finished shards are no-ops and a shard in progress is leased.
 */
public final class FanoutService {
    public enum Result { PLANNED, SKIPPED }

    private static final JsonLog LOG = JsonLog.forClass(FanoutService.class);
    /**
     * How often a post still ACCEPTED is read again: publication marks it PUBLISHED a few milliseconds after sending
     * the fan-out message, and an urgent post's 5 s budget starts at acceptance, so the wait is kept short.
     */
    static final Duration ACCEPTED_POLL = Duration.ofMillis(50);
    /** A lane: its queue and how many workers consume it (the number of chains a post gets). */
    public record Lane(DeliveryQueue queue, int workers) {
    }

    private final DeliveryPosts posts;
    private final Lane ordinary;
    private final Lane urgent;
    /** The shards to read: the larger of AudienceShards and the count subscriptions were stored with. */
    private final IntSupplier shards;
    private final Duration acceptedWait;
    private final Backoff.Sleeper sleeper;

    public FanoutService(DeliveryPosts posts, Lane ordinary, Lane urgent, int shards, Duration acceptedWait,
                         Backoff.Sleeper sleeper) {
        this(posts, ordinary, urgent, () -> shards, acceptedWait, sleeper);
    }

    public FanoutService(DeliveryPosts posts, Lane ordinary, Lane urgent, IntSupplier shards, Duration acceptedWait,
                         Backoff.Sleeper sleeper) {
        this.posts = posts;
        this.ordinary = ordinary;
        this.urgent = urgent;
        this.shards = shards;
        this.acceptedWait = acceptedWait;
        this.sleeper = sleeper;
    }

    /** Every task of a post, unchained (one message per audience shard; used where all run at once). */
    public static List<DeliveryTask> plan(DeliveryPost post, int shards) {
        List<DeliveryTask> tasks = new ArrayList<>(post.districtIds().size() * shards);
        for (String districtId : post.districtIds()) {
            for (int shard = 0; shard < shards; shard++) {
                tasks.add(DeliveryTask.shard(post.postId(), districtId, shard));
            }
        }
        return tasks;
    }

    /** The first task of each of {@code chains} chains over the post's audience shards. */
    public static List<DeliveryTask> chains(DeliveryPost post, int shards, int chains) {
        int total = post.districtIds().size() * shards;
        int stride = Math.max(1, Math.min(chains, total));
        List<DeliveryTask> first = new ArrayList<>(stride);
        for (int i = 0; i < stride && i < total; i++) {
            first.add(DeliveryTask.chained(post.postId(), post.districtIds().get(i / shards), i % shards, shards,
                    stride).forTenant(post.tenantId()));
        }
        return first;
    }

    public Result fanOut(String postId) {
        Optional<DeliveryPost> post = posts.find(postId);
        long waited = 0;
        while (post.isPresent() && DeliveryPost.ACCEPTED.equals(post.get().status())
                && waited < acceptedWait.toMillis()) {
            try {
                sleeper.sleep(ACCEPTED_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            waited += ACCEPTED_POLL.toMillis();
            post = posts.find(postId);
        }
        if (post.isPresent() && DeliveryPost.ACCEPTED.equals(post.get().status())) {
            throw new IllegalStateException("Post " + postId + " is still ACCEPTED; retry later");
        }
        if (post.isEmpty() || !post.get().published()) {
            LOG.info("Fan-out skipped", Map.of("postId", postId,
                    "status", post.map(DeliveryPost::status).orElse("MISSING")));
            return Result.SKIPPED;
        }
        Lane lane = post.get().urgent() ? urgent : ordinary;
        String tenantId = post.get().tenantId();
        int shardCount = shards.getAsInt();
        // An urgent post's tasks are queued all at once: its lane's workers take them in batches and work a batch
        // concurrently, so a few hundred devices spread over many small shards leave within seconds.
        List<DeliveryTask> tasks = post.get().urgent()
                ? plan(post.get(), shardCount).stream().map(t -> t.forTenant(tenantId)).toList()
                : chains(post.get(), shardCount, lane.workers());
        lane.queue().sendAll(tasks);
        LOG.info("Fan-out planned", Map.of("postId", postId, "districts", post.get().districtIds().size(),
                "shards", post.get().districtIds().size() * shardCount, "chains", tasks.size(),
                "lane", post.get().urgent() ? "urgent" : "ordinary"));
        return Result.PLANNED;
    }
}
