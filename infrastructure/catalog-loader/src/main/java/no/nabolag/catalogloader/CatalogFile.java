package no.nabolag.catalogloader;

import java.util.List;
import java.util.Map;

/**
 * One municipality's catalog as an operator writes it (see infrastructure/catalog/oslo.yaml for the format):
 * the tenant, its districts and its categories, with names per language, and its apps.
 */
public record CatalogFile(Tenant tenant, List<District> districts, List<Category> categories, List<App> apps) {

    public CatalogFile {
        apps = apps == null ? List.of() : List.copyOf(apps);
    }

    /** A file without apps (its devices use the deployment's default app). */
    public CatalogFile(Tenant tenant, List<District> districts, List<Category> categories) {
        this(tenant, districts, categories, List.of());
    }

    public record Tenant(String id, String name, String defaultLocale, String timeZone) {
    }

    public record District(String id, Map<String, String> names) {
        /** The district's display name: its name in the tenant's default language. */
        public String name(String defaultLocale) {
            return names.getOrDefault(defaultLocale, names.values().stream().findFirst().orElse(id));
        }
    }

    public record Category(String id, int order, Map<String, String> names, Map<String, String> descriptions) {
    }

    /** A municipality's own app: its SNS platform applications (either ARN may be absent, null). */
    public record App(String id, String name, String apnsPlatformApplicationArn, String fcmPlatformApplicationArn) {
    }
}
