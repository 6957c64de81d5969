package no.nabolag.core.feed;

import java.util.Set;

/** One district to read, with the categories wanted in it (null: all). */
public record FeedQuery(String districtId, Set<String> categories) {
    public FeedQuery {
        categories = categories == null ? null : Set.copyOf(categories);
    }
}
