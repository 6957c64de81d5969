package no.nabolag.core.feed;

import java.time.Instant;
import java.util.Set;

/**
 * A FeedTable item: one published post in one district. feedKey = "&lt;publishedAt&gt;#&lt;postId&gt;", so keys sort
 * newest last and one post has the same key in every district it was published to.
 */
public record FeedEntry(String districtId, String feedKey, String postId, String tenantId, Set<String> categoryIds,
                        String expiresAt) {
    public FeedEntry {
        categoryIds = categoryIds == null ? Set.of() : Set.copyOf(categoryIds);
    }

    /** Still in the feed at this moment: not expired, and not published in the future. */
    public boolean visibleAt(Instant now) {
        if (expiresAt != null && !Instant.parse(expiresAt).isAfter(now)) {
            return false;
        }
        int hash = feedKey.indexOf('#');
        return hash <= 0 || !Instant.parse(feedKey.substring(0, hash)).isAfter(now);
    }

    /** Whether the entry has one of the categories; null means every category. */
    public boolean inAnyOf(Set<String> categories) {
        if (categories == null) {
            return true;
        }
        for (String c : categoryIds) {
            if (categories.contains(c)) {
                return true;
            }
        }
        return false;
    }
}
