package no.nabolag.core.feed;

import java.time.Instant;
import java.util.List;
import no.nabolag.core.post.Post;

/**
 * The public part of a PostsTable item, as residents may see it (no moderation history, no delivery figures).
 * titleEn/bodyEn are the optional English version.
 */
public record FeedPost(String postId, String tenantId, String organizationName, List<String> districtIds,
                       List<String> categoryIds, String title, String body, String titleEn, String bodyEn, String url,
                       boolean urgent, String status, String publishAt, String publishedAt, String expiresAt) {
    public static final String PUBLISHED = "PUBLISHED";

    public FeedPost {
        districtIds = districtIds == null ? List.of() : List.copyOf(districtIds);
        categoryIds = categoryIds == null ? List.of() : List.copyOf(categoryIds);
    }

    /** Residents may see it now: published, not expired, and not scheduled for later. */
    public boolean visibleAt(Instant now) {
        return PUBLISHED.equals(status)
                && publishedAt != null
                && (expiresAt == null || Instant.parse(expiresAt).isAfter(now))
                && (publishAt == null || !Instant.parse(publishAt).isAfter(now));
    }

    /** Whether the English version is served for this language (the same rule as pushes: {@link Post#wantsEnglish}). */
    public boolean englishFor(String lang) {
        return Post.wantsEnglish(lang) && titleEn != null && !titleEn.isBlank();
    }
}
