package no.nabolag.core.organization;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nabolag.core.catalog.Catalog;
import no.nabolag.core.catalog.CatalogStore;
import no.nabolag.core.catalog.Tenant;

/** Reads the publisher's view of a tenant from the shared catalog store (cached per container by the caller). */
public final class CatalogStoreReader implements CatalogReader {
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Oslo");
    private final CatalogStore store;

    public CatalogStoreReader(CatalogStore store) {
        this.store = store;
    }

    @Override
    public Optional<TenantCatalog> tenant(String tenantId) {
        Catalog catalog = store.load();
        Optional<Tenant> tenant = catalog.tenant(tenantId);
        if (tenant.isEmpty()) {
            return Optional.empty();
        }
        // Only active (not retired) districts and categories: retired ones can neither be chosen nor posted to.
        List<TenantCatalog.Entry> districts = catalog.activeDistricts(tenantId).stream()
                .map(d -> {
                    Map<String, String> names = new HashMap<>(d.names());
                    if (d.name() != null) {
                        names.putIfAbsent("nb", d.name());
                    }
                    return new TenantCatalog.Entry(d.districtId(), names, 0, false);
                }).toList();
        List<TenantCatalog.Entry> categories = catalog.activeCategories(tenantId).stream()
                .map(c -> new TenantCatalog.Entry(c.categoryId(), c.names(), c.order(), false)).toList();
        return Optional.of(new TenantCatalog(tenantId, tenant.get().name(), zone(tenant.get().timeZone()),
                districts, categories));
    }

    private static ZoneId zone(String id) {
        try {
            return id == null ? DEFAULT_ZONE : ZoneId.of(id);
        } catch (DateTimeException e) {
            return DEFAULT_ZONE;
        }
    }
}
