package no.nabolag.core.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of every tenant with its districts, categories and apps. The catalog is small
 * (a city has tens of districts and categories), so it is read whole and cached per container.
 */
public final class Catalog {
    private final Map<String, Tenant> tenants;
    private final Map<String, District> districts;
    private final Map<String, Map<String, Category>> categoriesByTenant;
    private final Map<String, App> apps;

    public Catalog(List<Tenant> tenants, List<District> districts, List<Category> categories) {
        this(tenants, districts, categories, List.of());
    }

    public Catalog(List<Tenant> tenants, List<District> districts, List<Category> categories, List<App> apps) {
        this.tenants = new LinkedHashMap<>();
        tenants.stream().sorted(Comparator.comparing(Tenant::tenantId)).forEach(t -> this.tenants.put(t.tenantId(), t));
        this.districts = new LinkedHashMap<>();
        districts.stream().sorted(Comparator.comparing((District d) -> d.name()).thenComparing(District::districtId))
                .forEach(d -> this.districts.put(d.districtId(), d));
        this.categoriesByTenant = new LinkedHashMap<>();
        categories.stream()
                .sorted(Comparator.comparingInt(Category::order).thenComparing(Category::categoryId))
                .forEach(c -> categoriesByTenant.computeIfAbsent(c.tenantId(), k -> new LinkedHashMap<>())
                        .put(c.categoryId(), c));
        this.apps = new LinkedHashMap<>();
        apps.stream().sorted(Comparator.comparing(App::appId)).forEach(a -> this.apps.put(a.appId(), a));
    }

    public List<Tenant> tenants() {
        return List.copyOf(tenants.values());
    }

    public Optional<Tenant> tenant(String tenantId) {
        return Optional.ofNullable(tenantId == null ? null : tenants.get(tenantId));
    }

    /** The tenant's districts that residents can follow (retired ones hidden), by name. */
    public List<District> activeDistricts(String tenantId) {
        List<District> result = new ArrayList<>();
        for (District d : districts.values()) {
            if (d.tenantId().equals(tenantId) && !d.retired()) {
                result.add(d);
            }
        }
        return result;
    }

    /** A district that can be followed and browsed: known and not retired. */
    public Optional<District> activeDistrict(String districtId) {
        District d = districtId == null ? null : districts.get(districtId);
        return d == null || d.retired() ? Optional.empty() : Optional.of(d);
    }

    /** The tenant's categories residents can choose (retired ones hidden), in display order. */
    public List<Category> activeCategories(String tenantId) {
        return categoriesByTenant.getOrDefault(tenantId, Map.of()).values().stream()
                .filter(c -> !c.retired()).toList();
    }

    public Optional<Category> activeCategory(String tenantId, String categoryId) {
        Category c = categoryId == null ? null : categoriesByTenant.getOrDefault(tenantId, Map.of()).get(categoryId);
        return c == null || c.retired() ? Optional.empty() : Optional.of(c);
    }

    /** An app devices can register with: known and not retired (the default app is not in the catalog). */
    public Optional<App> activeApp(String appId) {
        App a = appId == null ? null : apps.get(appId);
        return a == null || a.retired() ? Optional.empty() : Optional.of(a);
    }

    /** Any stored app, retired ones included (devices registered before retirement keep their app's ARNs). */
    public Optional<App> app(String appId) {
        return Optional.ofNullable(appId == null ? null : apps.get(appId));
    }

    /** The tenant's apps that are not retired, by id. */
    public List<App> activeApps(String tenantId) {
        return apps.values().stream().filter(a -> a.tenantId().equals(tenantId) && !a.retired()).toList();
    }
}
