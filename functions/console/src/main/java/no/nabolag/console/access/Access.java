package no.nabolag.console.access;

import java.util.Collection;
import no.nabolag.console.auth.Member;

/**
 * What a member may see and do, decided on the server for every route. Everything that has a tenant and
 * districts (an organisation, a post) is judged the same way:
 * <ul>
 *   <li>a tenant administrator sees and acts on everything of their tenant;</li>
 *   <li>an editor <em>sees</em> what touches one of their districts (districts intersect), and <em>acts</em>
 *       (approve, reject, withdraw, issue/extend/revoke links, onboard, publish) only on what lies wholly within
 *       their districts, so an editor of Frogner cannot publish to, or approve a post for, Ullern as well;</li>
 *   <li>the catalog is for tenant administrators only.</li>
 * </ul>
 * District ids are unique across tenants, so an editor's districts name their tenant too.
 */
public final class Access {
    private final Member member;

    public Access(Member member) {
        this.member = member;
    }

    public Member member() {
        return member;
    }

    public boolean canSee(String tenantId, Collection<String> districtIds) {
        if (member.isAdminOf(tenantId)) {
            return true;
        }
        return districtIds != null && districtIds.stream().anyMatch(member.editorDistricts()::contains);
    }

    public boolean canActOn(String tenantId, Collection<String> districtIds) {
        if (member.isAdminOf(tenantId)) {
            return true;
        }
        return districtIds != null && !districtIds.isEmpty() && member.editorDistricts().containsAll(districtIds);
    }

    public boolean canManageCatalog(String tenantId) {
        return member.isAdminOf(tenantId);
    }

    public boolean isAdminOf(String tenantId) {
        return member.isAdminOf(tenantId);
    }
}
