package no.nabolag.core.delivery;

import java.time.Instant;
import java.util.List;

/**
 * What delivery needs of a post (read from the Posts table, see docs/data-model.md). The tenant names the post's
 * delivery messages' group, so the queue can share its workers fairly between tenants (docs/data-model.md, "Lanes").
 */
public record DeliveryPost(
        String postId,
        String status,
        List<String> districtIds,
        List<String> categoryIds,
        String title,
        String body,
        String titleEn,
        String bodyEn,
        boolean urgent,
        Instant expiresAt,
        String tenantId) {

    public static final String PUBLISHED = "PUBLISHED";
    public static final String ACCEPTED = "ACCEPTED";

    /** A post whose tenant does not matter (tests, tools). */
    public DeliveryPost(String postId, String status, List<String> districtIds, List<String> categoryIds,
                        String title, String body, String titleEn, String bodyEn, boolean urgent, Instant expiresAt) {
        this(postId, status, districtIds, categoryIds, title, body, titleEn, bodyEn, urgent, expiresAt, null);
    }

    public boolean published() {
        return PUBLISHED.equals(status);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
