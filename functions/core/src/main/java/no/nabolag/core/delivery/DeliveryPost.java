package no.nabolag.core.delivery;

import java.time.Instant;
import java.util.List;

/** What delivery needs of a post (read from the Posts table, see docs/data-model.md). */
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
        Instant expiresAt) {

    public static final String PUBLISHED = "PUBLISHED";
    public static final String ACCEPTED = "ACCEPTED";

    public boolean published() {
        return PUBLISHED.equals(status);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
