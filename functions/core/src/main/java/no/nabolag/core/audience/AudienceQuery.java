package no.nabolag.core.audience;

import java.util.List;
import java.util.TreeSet;

/**
 * A draft post's audience: its districts (in the post's order), categories and urgent flag. Urgency does not change
 * who is pushed (quiet hours only defer a push), so two queries that differ only in it have the same audience.
 */
public record AudienceQuery(List<String> districtIds, List<String> categoryIds, boolean urgent) {
    public AudienceQuery {
        districtIds = List.copyOf(districtIds);
        categoryIds = List.copyOf(categoryIds);
    }

    /** The same audience whatever the order or repetition of ids: the key results are cached under. */
    public Key key() {
        return new Key(List.copyOf(new TreeSet<>(districtIds)), List.copyOf(new TreeSet<>(categoryIds)));
    }

    public record Key(List<String> districtIds, List<String> categoryIds) {
    }
}
