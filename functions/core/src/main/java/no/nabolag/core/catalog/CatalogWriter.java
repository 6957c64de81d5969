package no.nabolag.core.catalog;

import java.util.Optional;

/** Writes the catalog (CatalogTable); the rules about what may change live in {@link CatalogAdmin}. */
public interface CatalogWriter {

    /** The tenant with every district and category, retired ones included. */
    Optional<TenantCatalog> tenantCatalog(String tenantId);

    void putTenant(Tenant tenant);

    /**
     * Stores a district and claims its id across tenants.
     *
     * @return false when another tenant already owns the district id (nothing is written then)
     */
    boolean putDistrict(District district);

    void putCategory(Category category);

    /**
     * Stores an app and claims its id across tenants (as {@link #putDistrict}).
     *
     * @return false when another tenant already owns the app id (nothing is written then)
     */
    boolean putApp(App app);

    /** A tenant as stored, with all its districts, categories and apps (retired included), for administration. */
    record TenantCatalog(Tenant tenant, java.util.List<District> districts, java.util.List<Category> categories,
                         java.util.List<App> apps) {
        public TenantCatalog {
            districts = java.util.List.copyOf(districts);
            categories = java.util.List.copyOf(categories);
            apps = apps == null ? java.util.List.of() : java.util.List.copyOf(apps);
        }

        public TenantCatalog(Tenant tenant, java.util.List<District> districts, java.util.List<Category> categories) {
            this(tenant, districts, categories, java.util.List.of());
        }

        public Optional<App> app(String appId) {
            return apps.stream().filter(a -> a.appId().equals(appId)).findFirst();
        }

        public Optional<District> district(String districtId) {
            return districts.stream().filter(d -> d.districtId().equals(districtId)).findFirst();
        }

        public Optional<Category> category(String categoryId) {
            return categories.stream().filter(c -> c.categoryId().equals(categoryId)).findFirst();
        }
    }
}
