package no.nabolag.core.subscription;

import java.util.List;

/** A followed district with the categories chosen in it. */
public record SubscriptionChoice(String districtId, List<String> categories) {
    public SubscriptionChoice {
        categories = List.copyOf(categories);
    }
}
