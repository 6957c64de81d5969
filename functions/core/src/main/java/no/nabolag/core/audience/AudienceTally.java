package no.nabolag.core.audience;

import no.nabolag.core.catalog.App;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.nabolag.core.delivery.AudienceMatcher;
import no.nabolag.core.delivery.AudienceMember;
import no.nabolag.core.delivery.DeliveryPost;

/**
 * Counts subscription items of a draft's audience with delivery's own rule ({@link AudienceMatcher}): an item counts
 * when its device is active, has a push endpoint, and this item's district is the one whose worker would send the
 * post to it. A device following several of the post's districts therefore counts once. Not thread-safe: one tally
 * per shard read, then {@link #add(AudienceTally)}.
 */
public final class AudienceTally {
    /** Devices registered without an app belong to the deployment's default app (docs/data-model.md). */

    private final DeliveryPost draft;
    private final Map<String, Map<String, Long>> counts = new TreeMap<>();

    public AudienceTally(AudienceQuery query) {
        this.draft = new DeliveryPost(null, null, query.districtIds(), query.categoryIds(), null, null, null, null,
                query.urgent(), null);
    }

    /** @param appId the item's app, null for the default app; returns whether the item was counted */
    public boolean add(AudienceMember member, String appId) {
        if (!member.active() || member.endpointArn() == null || member.endpointArn().isBlank()
                || !AudienceMatcher.sendsHere(draft, member)) {
            return false;
        }
        String app = appId == null || appId.isBlank() ? App.DEFAULT_ID : appId;
        String platform = member.platform() == null ? "unknown" : member.platform();
        counts.computeIfAbsent(app, a -> new TreeMap<>()).merge(platform, 1L, Long::sum);
        return true;
    }

    public AudienceTally add(AudienceTally other) {
        other.counts.forEach((app, platforms) -> platforms.forEach((platform, n) ->
                counts.computeIfAbsent(app, a -> new TreeMap<>()).merge(platform, n, Long::sum)));
        return this;
    }

    public AudienceSize size() {
        List<AudienceSize.Segment> segments = new ArrayList<>();
        long total = 0;
        for (var app : counts.entrySet()) {
            for (var platform : app.getValue().entrySet()) {
                segments.add(new AudienceSize.Segment(app.getKey(), platform.getKey(), platform.getValue()));
                total += platform.getValue();
            }
        }
        return new AudienceSize(total, segments);
    }
}
