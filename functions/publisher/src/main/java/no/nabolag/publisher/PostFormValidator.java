package no.nabolag.publisher;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The form's rules. Errors are message keys per field ({@code error.title.required}), so the form can show them
 * in the reader's language beside each field; the first error of a field wins.
 */
final class PostFormValidator {
    static final int MAX_TITLE = 120;
    static final int MAX_BODY = 4000;
    static final int MAX_URL = 2000;
    /** A publish time a few minutes in the past is "now" (the form was slow to fill in), not an error. */
    static final Duration PAST_TOLERANCE = Duration.ofMinutes(10);
    static final Duration MAX_SCHEDULE = Duration.ofDays(366);

    /** The outcome: a draft, or error keys by field in form order. */
    record Result(PostDraft draft, Map<String, String> errors) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    private final Clock clock;

    PostFormValidator(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param districtIds the districts this organisation may post to (and that exist)
     * @param categoryIds the categories it may use (existing, not retired)
     * @param urgentAllowed whether the organisation is a unit
     */
    Result validate(PostFormInput in, Set<String> districtIds, Set<String> categoryIds, boolean urgentAllowed, ZoneId zone) {
        Map<String, String> errors = new LinkedHashMap<>();
        Instant now = clock.instant();

        if (in.title().isEmpty()) {
            errors.put("title", "error.title.required");
        } else if (length(in.title()) > MAX_TITLE) {
            errors.put("title", "error.title.tooLong");
        }
        if (in.body().isEmpty()) {
            errors.put("body", "error.body.required");
        } else if (length(in.body()) > MAX_BODY) {
            errors.put("body", "error.body.tooLong");
        }
        List<String> districts = chosen(in.districts(), districtIds, "district", errors);
        List<String> categories = chosen(in.categories(), categoryIds, "category", errors);

        String url = null;
        if (!in.url().isEmpty()) {
            url = httpsUrl(in.url());
            if (url == null) {
                errors.put("url", "error.url.https");
            }
        }
        Instant publishAt = null;
        if (!in.publishAt().isEmpty()) {
            publishAt = localTime(in.publishAt(), zone);
            if (publishAt == null) {
                errors.put("publishAt", "error.dateTime.invalid");
            } else if (publishAt.isBefore(now.minus(PAST_TOLERANCE))) {
                errors.put("publishAt", "error.publishAt.past");
            } else if (publishAt.isAfter(now.plus(MAX_SCHEDULE))) {
                errors.put("publishAt", "error.publishAt.tooFar");
            }
        }
        Instant expiresAt = null;
        if (!in.expiresAt().isEmpty()) {
            expiresAt = localTime(in.expiresAt(), zone);
            if (expiresAt == null) {
                errors.put("expiresAt", "error.dateTime.invalid");
            } else if (!expiresAt.isAfter(now)) {
                errors.put("expiresAt", "error.expiresAt.past");
            } else if (publishAt != null && !expiresAt.isAfter(publishAt)) {
                errors.put("expiresAt", "error.expiresAt.beforePublish");
            }
        }
        if (length(in.titleEn()) > MAX_TITLE) {
            errors.put("titleEn", "error.title.tooLong");
        } else if (in.titleEn().isEmpty() && !in.bodyEn().isEmpty()) {
            errors.put("titleEn", "error.titleEn.required");
        }
        if (length(in.bodyEn()) > MAX_BODY) {
            errors.put("bodyEn", "error.body.tooLong");
        } else if (in.bodyEn().isEmpty() && !in.titleEn().isEmpty()) {
            errors.put("bodyEn", "error.bodyEn.required");
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        return new Result(new PostDraft(in.title(), in.body(), districts, categories, url,
                publishAt, expiresAt, urgentAllowed && in.urgent(),
                in.titleEn().isEmpty() ? null : in.titleEn(), in.bodyEn().isEmpty() ? null : in.bodyEn()), Map.of());
    }

    private static List<String> chosen(List<String> values, Set<String> allowed, String field, Map<String, String> errors) {
        LinkedHashSet<String> unique = new LinkedHashSet<>(values);
        if (unique.isEmpty()) {
            errors.put(field, "error." + field + ".required");
            return List.of();
        }
        if (!allowed.containsAll(unique)) {
            errors.put(field, "error." + field + ".invalid");
            return List.of();
        }
        return new ArrayList<>(unique);
    }

    /** The URL if it is an absolute https URL with a host; null otherwise. */
    static String httpsUrl(String value) {
        if (value.length() > MAX_URL || value.chars().anyMatch(Character::isWhitespace)) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("https")
                    || uri.getHost() == null || uri.getHost().isEmpty() || uri.getRawUserInfo() != null) {
                return null;
            }
            return value;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** A datetime-local value (yyyy-MM-ddTHH:mm[:ss]) in the tenant's zone; null if it is not one. */
    static Instant localTime(String value, ZoneId zone) {
        try {
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
