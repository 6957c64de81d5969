package no.nabolag.core.delivery;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;
import no.nabolag.core.json.Json;
import no.nabolag.core.subscription.AudienceShard;

/**
 * A delivery queue message: one audience shard of one district for a post ({@code kind = shard}), or the pushes
 * deferred to one minute ({@code kind = deferred}). {@code page} and {@code startKey} are set on continuations; they
 * are hints only, the progress records in the Delivery table are the truth.
 */
public record DeliveryTask(String kind, String postId, String districtId, Integer shard, String minute,
                           Integer page, Map<String, String> startKey) {
    public static final String SHARD = "shard";
    public static final String DEFERRED = "deferred";

    public static DeliveryTask shard(String postId, String districtId, int shard) {
        return new DeliveryTask(SHARD, postId, districtId, shard, null, null, null);
    }

    public static DeliveryTask deferred(String minute) {
        return new DeliveryTask(DEFERRED, null, null, null, minute, null, null);
    }

    public static DeliveryTask parse(String body) {
        DeliveryTask task = Json.read(body, DeliveryTask.class);
        boolean valid = SHARD.equals(task.kind())
                ? task.postId() != null && task.districtId() != null && task.shard() != null && task.shard() >= 0
                : DEFERRED.equals(task.kind()) && task.minute() != null;
        if (!valid) {
            throw new IllegalArgumentException("Not a delivery task: kind=" + task.kind());
        }
        return task;
    }

    public String toJson() {
        return Json.write(this);
    }

    public DeliveryTask continueAt(int nextPage, Map<String, String> nextKey) {
        return new DeliveryTask(kind, postId, districtId, shard, minute, nextPage, nextKey);
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

    /** The partition of this task's progress records. */
    @JsonIgnore
    public String progressKey() {
        return forShard() ? "PROGRESS#" + postId + "#" + audienceShard() : "PROGRESS#DEFER#" + minute;
    }

    /** A short id for logs. */
    @JsonIgnore
    public String label() {
        return forShard() ? postId + "/" + audienceShard() : "deferred/" + minute;
    }
}
