package no.nabolag.core.organization;

import java.util.List;

/** An organisation as the admin API submits it, not yet validated (any field may be null). */
public record NewOrganization(
        String name,
        String kind,
        String tenantId,
        List<String> districtIds,
        List<String> categoryIds,
        Boolean trusted) {
}
