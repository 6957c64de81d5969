package no.nabolag.core.audience;

import java.util.List;

/** How many devices a post will be pushed to, in all and per app and platform (segments sorted by app, platform). */
public record AudienceSize(long total, List<Segment> segments) {
    public AudienceSize {
        segments = List.copyOf(segments);
    }

    public static AudienceSize none() {
        return new AudienceSize(0, List.of());
    }

    /** The devices of one app on one platform ({@code ios} / {@code android}). */
    public record Segment(String appId, String platform, long devices) {
    }

    public long devices(String appId, String platform) {
        return segments.stream().filter(s -> s.appId().equals(appId) && s.platform().equals(platform))
                .mapToLong(Segment::devices).sum();
    }
}
