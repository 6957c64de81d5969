package no.nabolag.console.auth;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A signed-in member of a communication team and what they may do, from their Cognito groups:
 * {@code tenant-admin-<tenantId>} makes a tenant administrator (everything of that municipality, the catalog
 * included); {@code editor-<districtId>} an editor of that district (district ids are unique across tenants).
 * Other groups are ignored.
 */
public record Member(String subject, String name, Set<String> adminTenants, Set<String> editorDistricts) {
    public static final String ADMIN_PREFIX = "tenant-admin-";
    public static final String EDITOR_PREFIX = "editor-";

    public Member {
        adminTenants = Set.copyOf(adminTenants);
        editorDistricts = Set.copyOf(editorDistricts);
    }

    public static Member fromGroups(String subject, String name, Collection<String> groups) {
        Set<String> tenants = new TreeSet<>();
        Set<String> districts = new TreeSet<>();
        for (String group : groups == null ? List.<String>of() : groups) {
            if (group == null) {
                continue;
            }
            if (group.startsWith(ADMIN_PREFIX) && group.length() > ADMIN_PREFIX.length()) {
                tenants.add(group.substring(ADMIN_PREFIX.length()));
            } else if (group.startsWith(EDITOR_PREFIX) && group.length() > EDITOR_PREFIX.length()) {
                districts.add(group.substring(EDITOR_PREFIX.length()));
            }
        }
        return new Member(subject, name, tenants, districts);
    }

    /** Whether the member has any console role at all (someone in the pool without a group has none). */
    public boolean hasAnyRole() {
        return !adminTenants.isEmpty() || !editorDistricts.isEmpty();
    }

    public boolean isAdminOf(String tenantId) {
        return tenantId != null && adminTenants.contains(tenantId);
    }
}
