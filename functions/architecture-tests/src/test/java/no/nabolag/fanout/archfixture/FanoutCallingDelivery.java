package no.nabolag.fanout.archfixture;

import no.nabolag.delivery.DeliveryHandler;
import no.nabolag.local.archfixture.LocalHelper;

/** Breaks the layering on purpose: one function using another and the local stack (LayeringRulesCatchViolationsTest). */
public final class FanoutCallingDelivery {
    public String names(DeliveryHandler delivery) {
        return delivery.toString() + LocalHelper.name();
    }
}
