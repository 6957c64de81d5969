package no.nabolag.core.subscription;

import java.util.List;
import no.nabolag.core.device.QuietHours;

/** A device's whole choice set: the API's subscriptions document. quietHours is null when none are set. */
public record Subscriptions(List<SubscriptionChoice> subscriptions, QuietHours quietHours) {
    public Subscriptions {
        subscriptions = List.copyOf(subscriptions);
    }
}
