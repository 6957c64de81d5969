package no.nabolag.core.organization;

import java.util.Locale;
import java.util.Optional;

/** Whether an organisation is a unit of the district (school, library, ...) or an outside club or association. */
public enum OrganizationKind {
    UNIT("unit"),
    EXTERNAL("external");

    private final String wire;

    OrganizationKind(String wire) {
        this.wire = wire;
    }

    /** The value stored in DynamoDB and used in the admin API: {@code unit} or {@code external}. */
    public String wire() {
        return wire;
    }

    public static Optional<OrganizationKind> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String lower = value.toLowerCase(Locale.ROOT);
        for (OrganizationKind kind : values()) {
            if (kind.wire.equals(lower)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
