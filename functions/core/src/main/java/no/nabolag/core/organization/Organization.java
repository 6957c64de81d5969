package no.nabolag.core.organization;

import java.time.Instant;
import java.util.List;

/**
 * A publisher: a unit of a district or an outside organisation, allowed to post to its own districts and
 * categories of one tenant. Posts of external organisations wait for approval unless {@code trusted}.
 */
public record Organization(
        String organizationId,
        String name,
        OrganizationKind kind,
        String tenantId,
        List<String> districtIds,
        List<String> categoryIds,
        boolean trusted,
        Instant createdAt) {

    public Organization {
        districtIds = List.copyOf(districtIds);
        categoryIds = List.copyOf(categoryIds);
    }

    public boolean isUnit() {
        return kind == OrganizationKind.UNIT;
    }

    /** Whether its posts must be approved by the communication team before they are published. */
    public boolean needsApproval() {
        return kind == OrganizationKind.EXTERNAL && !trusted;
    }
}
