package no.nabolag.core.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import no.nabolag.core.log.JsonLog;

/**
 * Plans the delivery of a published post: one delivery task per audience shard of each targeted district, sent with
 * SendMessageBatch. A post still ACCEPTED is waited for briefly (publication sends the fan-out message before it marks
 * the post PUBLISHED) and otherwise left to redelivery; any other status is skipped.
 * Sending the plan twice is harmless: finished shards are no-ops and a shard in progress is leased.
 */
public final class FanoutService {
    public enum Result { PLANNED, SKIPPED }

    private static final JsonLog LOG = JsonLog.forClass(FanoutService.class);
    private final DeliveryPosts posts;
    private final DeliveryQueue queue;
    /** The shards to read: the larger of AudienceShards and the count subscriptions were stored with. */
    private final IntSupplier shards;
    private final Duration acceptedWait;
    private final Backoff.Sleeper sleeper;

    public FanoutService(DeliveryPosts posts, DeliveryQueue queue, int shards, Duration acceptedWait,
                         Backoff.Sleeper sleeper) {
        this(posts, queue, () -> shards, acceptedWait, sleeper);
    }

    public FanoutService(DeliveryPosts posts, DeliveryQueue queue, IntSupplier shards, Duration acceptedWait,
                         Backoff.Sleeper sleeper) {
        this.posts = posts;
        this.queue = queue;
        this.shards = shards;
        this.acceptedWait = acceptedWait;
        this.sleeper = sleeper;
    }

    public static List<DeliveryTask> plan(DeliveryPost post, int shards) {
        List<DeliveryTask> tasks = new ArrayList<>(post.districtIds().size() * shards);
        for (String districtId : post.districtIds()) {
            for (int shard = 0; shard < shards; shard++) {
                tasks.add(DeliveryTask.shard(post.postId(), districtId, shard));
            }
        }
        return tasks;
    }

    public Result fanOut(String postId) {
        Optional<DeliveryPost> post = posts.find(postId);
        long waited = 0;
        while (post.isPresent() && DeliveryPost.ACCEPTED.equals(post.get().status())
                && waited < acceptedWait.toMillis()) {
            try {
                sleeper.sleep(Duration.ofMillis(250));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            waited += 250;
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
        List<DeliveryTask> tasks = plan(post.get(), shards.getAsInt());
        queue.sendAll(tasks);
        LOG.info("Fan-out planned", Map.of("postId", postId, "districts", post.get().districtIds().size(),
                "tasks", tasks.size()));
        return Result.PLANNED;
    }
}
