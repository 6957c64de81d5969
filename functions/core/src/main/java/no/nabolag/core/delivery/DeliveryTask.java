package no.nabolag.core.delivery;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nabolag.core.json.Json;
import no.nabolag.core.subscription.AudienceShard;

/**
 * A delivery queue message: one audience shard of one district for a post ({@code kind = shard}), or the pushes
 * deferred to one minute in one deferral shard ({@code kind = deferred}). {@code page} and {@code startKey} are set on
 * continuations; they are hints only, the progress records in the Delivery table are the truth.
 *
 * <p>A post's shard tasks form {@code stride} chains (see {@link FanoutService}): the post's tasks are numbered
 * district by district ({@code index = districtIndex * shards + shard}), fan-out sends the first {@code stride} of
 * them, and a worker that completes task {@code i} sends task {@code i + stride}. So a post never has more than
 * {@code stride} messages in the queue, and posts queued together take turns (see docs/data-model.md, "Lanes").
 * Without {@code stride} a task stands alone. A worker that completes a task within its time slice works the chain's
 * next task on in the same run (see {@link DeliveryService}).
 *
 * <p>{@code tenantId} (the post's tenant) is the message's group ({@link #messageGroup()}): on an SQS standard queue a
 * MessageGroupId makes it a fair queue, which serves a tenant with fewer messages in flight first, so one tenant's
 * big post does not hold back another's.
 */
public record DeliveryTask(String kind, String postId, String districtId, Integer shard, String minute,
                           Integer shards, Integer stride, Integer page, Map<String, String> startKey,
                           String tenantId) {
    public static final String SHARD = "shard";
    public static final String DEFERRED = "deferred";

    public static DeliveryTask shard(String postId, String districtId, int shard) {
        return new DeliveryTask(SHARD, postId, districtId, shard, null, null, null, null, null, null);
    }

    /** A task of one of a post's {@code stride} chains over {@code shards} shards per district. */
    public static DeliveryTask chained(String postId, String districtId, int shard, int shards, int stride) {
        return new DeliveryTask(SHARD, postId, districtId, shard, null, shards, stride, null, null, null);
    }

    public static DeliveryTask deferred(String minute, int shard) {
        return new DeliveryTask(DEFERRED, null, null, shard, minute, null, null, null, null, null);
    }

    public static DeliveryTask parse(String body) {
        DeliveryTask task = Json.read(body, DeliveryTask.class);
        boolean valid = SHARD.equals(task.kind())
                ? task.postId() != null && task.districtId() != null && task.shard() != null && task.shard() >= 0
                    && (task.stride() == null || (task.stride() > 0 && task.shards() != null && task.shards() > 0))
                : DEFERRED.equals(task.kind()) && task.minute() != null && task.shard() != null && task.shard() >= 0;
        if (!valid) {
            throw new IllegalArgumentException("Not a delivery task: kind=" + task.kind());
        }
        return task;
    }

    public String toJson() {
        return Json.write(this);
    }

    public DeliveryTask continueAt(int nextPage, Map<String, String> nextKey) {
        return new DeliveryTask(kind, postId, districtId, shard, minute, shards, stride, nextPage, nextKey, tenantId);
    }

    /** The same task for a post of this tenant. */
    public DeliveryTask forTenant(String tenant) {
        return new DeliveryTask(kind, postId, districtId, shard, minute, shards, stride, page, startKey, tenant);
    }

    /**
     * The SQS message group: the post's tenant (a fair queue's tenant); deferred pushes of a minute, which mix tenants,
     * share one group; none for a task without a tenant.
     */
    @JsonIgnore
    public String messageGroup() {
        return forShard() ? tenantId : DEFERRED;
    }

    /** The next task of this task's chain over the post's districts, if any. */
    public Optional<DeliveryTask> nextInChain(List<String> districtIds) {
        int district = districtIds.indexOf(districtId);
        if (!forShard() || stride == null || district < 0 || shard >= shards) {
            return Optional.empty();
        }
        int next = district * shards + shard + stride;
        if (next >= districtIds.size() * shards) {
            return Optional.empty();
        }
        return Optional.of(chained(postId, districtIds.get(next / shards), next % shards, shards, stride)
                .forTenant(tenantId));
    }

    @JsonIgnore
    public boolean forShard() {
        return SHARD.equals(kind);
    }

    /** The audience index key, e.g. "frogner#07". */
    @JsonIgnore
    public String audienceShard() {
        return AudienceShard.key(districtId, shard);
    }

    /** The part of the post's delivery this task does, as named in its figures: "frogner#07" or "DEFER#...#03". */
    @JsonIgnore
    public String part() {
        return forShard() ? audienceShard() : Deferral.partition(minute, shard);
    }

    /** The partition of this task's progress records. */
    @JsonIgnore
    public String progressKey() {
        return forShard() ? "PROGRESS#" + postId + "#" + audienceShard() : "PROGRESS#" + Deferral.partition(minute, shard);
    }

    /** A short id for logs. */
    @JsonIgnore
    public String label() {
        return forShard() ? postId + "/" + audienceShard() : "deferred/" + AudienceShard.key(minute, shard);
    }
}
