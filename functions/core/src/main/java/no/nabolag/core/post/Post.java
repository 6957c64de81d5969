package no.nabolag.core.post;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A post as stored. Texts are plain text exactly as the publisher wrote them; every renderer escapes them.
 *
 * @param publishedAt when it became due (set on entering ACCEPTED); fixed, so feed keys are stable on re-drive
 * @param statusAt    the sort key of the status index: createdAt, publishAt (SCHEDULED) or the time of the change
 * @param figures     figures once written on the post item; delivery no longer writes them there (NONE for posts
 *                    delivered since): read a post's figures with core.delivery.DeliveryFiguresStore
 */
public record Post(
        String postId,
        String tenantId,
        String organizationId,
        String organizationName,
        List<String> districtIds,
        List<String> categoryIds,
        String title,
        String body,
        String titleEn,
        String bodyEn,
        String url,
        boolean urgent,
        Instant publishAt,
        Instant expiresAt,
        Instant createdAt,
        Instant publishedAt,
        PostStatus status,
        Instant statusAt,
        String reason,
        List<StateChange> history,
        DeliveryFigures figures) {

    public Post {
        districtIds = List.copyOf(districtIds);
        categoryIds = List.copyOf(categoryIds);
        history = history == null ? List.of() : List.copyOf(history);
        figures = figures == null ? DeliveryFigures.NONE : figures;
    }

    public boolean hasEnglish() {
        return titleEn != null && !titleEn.isBlank();
    }

    /** The title in a resident's language: English when asked for and present, else the Norwegian original. */
    public String title(String locale) {
        return wantsEnglish(locale) && hasEnglish() ? titleEn : title;
    }

    public String body(String locale) {
        return wantsEnglish(locale) && hasEnglish() && bodyEn != null ? bodyEn : body;
    }

    /** Norwegian readers (nb, nn, no) get the original; everyone else the English version when there is one. */
    public static boolean wantsEnglish(String locale) {
        if (locale == null) {
            return false;
        }
        String language = locale.toLowerCase(Locale.ROOT).split("[-_]")[0];
        return !(language.equals("nb") || language.equals("nn") || language.equals("no"));
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** Visible to residents: published, due and not expired. */
    public boolean isVisible(Instant now) {
        return status == PostStatus.PUBLISHED && !isExpired(now)
                && (publishedAt == null || !publishedAt.isAfter(now));
    }

    public Post withStatus(PostStatus newStatus, Instant at) {
        return new Post(postId, tenantId, organizationId, organizationName, districtIds, categoryIds, title, body,
                titleEn, bodyEn, url, urgent, publishAt, expiresAt, createdAt, publishedAt, newStatus, at, reason,
                history, figures);
    }
}
