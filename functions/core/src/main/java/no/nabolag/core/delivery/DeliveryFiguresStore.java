package no.nabolag.core.delivery;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import no.nabolag.core.post.DeliveryFigures;

/**
 * A post's delivery figures, kept in one item per part of its delivery (an audience shard, or a minute's deferred
 * pushes in one deferral shard) so that each item has one writer (the worker holding that part's lease) and per-page
 * writes spread; readers sum the parts. Figures count devices: {@code sent + failed + disabled + deferred = matched}.
 */
public interface DeliveryFiguresStore {

    /**
     * Adds a page's figures to one part atomically; the part's first push time is set once, its last push time moves
     * forward, and the page's sends count in the minute of its last push (the chart of pushes over time).
     *
     * @param part      e.g. {@code frogner#07} or {@code DEFER#2026-11-28T06:00#03}
     * @param firstPush the page's first push, or null when nothing was sent
     * @param lastPush  the page's last push, or null when nothing was sent
     */
    void add(String postId, String part, Figures figures, Instant firstPush, Instant lastPush);

    /** The post's figures: the parts summed, the earliest first push and the latest last push. */
    DeliveryFigures figures(String postId);

    /** Figures of several posts (a list page), read in parallel; posts without figures map to NONE. */
    Map<String, DeliveryFigures> figures(Collection<String> postIds);

    /** Pushes sent per minute (UTC, whole minutes), oldest first; empty when none were sent. */
    SortedMap<Instant, Long> pushesPerMinute(String postId);
}
