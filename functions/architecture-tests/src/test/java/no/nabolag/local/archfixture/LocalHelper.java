package no.nabolag.local.archfixture;

/** Stands for a class of infrastructure/local (see LayeringRulesCatchViolationsTest). */
public final class LocalHelper {
    public static final String NAME = "local";

    private LocalHelper() {
    }

    public static String name() {
        return NAME;
    }
}
