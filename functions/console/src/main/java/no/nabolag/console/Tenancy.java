package no.nabolag.console;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import no.nabolag.console.auth.Member;
import no.nabolag.core.catalog.Catalog;
import no.nabolag.core.catalog.District;

/** Which tenants and districts a member works in, from the catalog (an editor's district names its tenant). */
final class Tenancy {
    private Tenancy() {
    }

    static List<String> tenants(Member member, Catalog catalog) {
        TreeSet<String> tenants = new TreeSet<>(member.adminTenants());
        for (String districtId : member.editorDistricts()) {
            catalog.activeDistrict(districtId).ifPresent(d -> tenants.add(d.tenantId()));
        }
        return new ArrayList<>(tenants);
    }

    /** The districts of a tenant the member may act for: all of them for its administrator, else their own. */
    static List<District> districts(Member member, String tenantId, Catalog catalog) {
        List<District> all = catalog.activeDistricts(tenantId);
        if (member.isAdminOf(tenantId)) {
            return all;
        }
        return all.stream().filter(d -> member.editorDistricts().contains(d.districtId())).toList();
    }

    /** The tenant a page works in: the one asked for if the member works there, else their first. */
    static String chosen(Member member, Catalog catalog, String asked) {
        List<String> tenants = tenants(member, catalog);
        if (asked != null && tenants.contains(asked)) {
            return asked;
        }
        return tenants.isEmpty() ? null : tenants.get(0);
    }
}
