package no.nabolag.core.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Delivery counts of a post (or of a page of it). matched: devices handled (sent, disabled or deferred);
 * failed: push attempts that failed for another reason and are retried by redelivery.
 */
public record Figures(long matched, long sent, long failed, long disabled, long deferred) {
    public static final Figures ZERO = new Figures(0, 0, 0, 0, 0);

    public Figures plus(Figures other) {
        return new Figures(matched + other.matched, sent + other.sent, failed + other.failed,
                disabled + other.disabled, deferred + other.deferred);
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    /** Log fields. */
    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("matched", matched);
        map.put("sent", sent);
        map.put("failed", failed);
        map.put("disabled", disabled);
        map.put("deferred", deferred);
        return map;
    }

    /** EMF metric names (see core Metrics). */
    public Map<String, Long> asMetrics() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("PushesSent", sent);
        map.put("PushesFailed", failed);
        map.put("PushesDisabled", disabled);
        map.put("PushesDeferred", deferred);
        return map;
    }
}
