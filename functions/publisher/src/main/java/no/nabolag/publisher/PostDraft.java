package no.nabolag.publisher;

import java.time.Instant;
import java.util.List;

/** A validated post from the form: plain text, the organisation's own districts and categories, UTC instants. */
record PostDraft(
        String title,
        String body,
        List<String> districtIds,
        List<String> categoryIds,
        String url,
        Instant publishAt,
        Instant expiresAt,
        boolean urgent,
        String titleEn,
        String bodyEn) {
}
