package no.nabolag.core.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Delivery counts of a post (or changes to them from one page), in devices: matched = devices handled so far, each in
 * exactly one of sent, failed (SNS refused its push for good), disabled (its endpoint is gone) or deferred (waiting
 * for its quiet hours to end), so {@code sent + failed + disabled + deferred = matched}. A deferred push that is sent
 * later moves from deferred to sent (a change of -1 deferred, +1 sent). Devices whose push will be retried (throttling,
 * a server error) are not counted until they reach one of the four.
 */
public record Figures(long matched, long sent, long failed, long disabled, long deferred) {
    public static final Figures ZERO = new Figures(0, 0, 0, 0, 0);
    public static final Figures SENT = new Figures(1, 1, 0, 0, 0);
    public static final Figures FAILED = new Figures(1, 0, 1, 0, 0);
    public static final Figures DISABLED = new Figures(1, 0, 0, 1, 0);
    public static final Figures DEFERRED = new Figures(1, 0, 0, 0, 1);

    public Figures plus(Figures other) {
        return new Figures(matched + other.matched, sent + other.sent, failed + other.failed,
                disabled + other.disabled, deferred + other.deferred);
    }

    /** The same outcome for a push that was deferred before: no new match, one deferred less. */
    public Figures afterDeferral() {
        return new Figures(matched - 1, sent, failed, disabled, deferred - 1);
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

    /** EMF metric names (see core Metrics): pushes that ended so, never negative (a released deferral is not one). */
    public Map<String, Long> asMetrics() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("PushesSent", Math.max(0, sent));
        map.put("PushesFailed", Math.max(0, failed));
        map.put("PushesDisabled", Math.max(0, disabled));
        map.put("PushesDeferred", Math.max(0, deferred));
        return map;
    }
}
