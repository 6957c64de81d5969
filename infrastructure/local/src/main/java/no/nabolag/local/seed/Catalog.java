package no.nabolag.local.seed;

import java.util.List;
import java.util.Map;

/** A tenant catalog as infrastructure/catalog/*.yaml describes it (format documented at the top of oslo.yaml). */
public record Catalog(Tenant tenant, List<District> districts, List<Category> categories) {
    public record Tenant(String id, String name, String defaultLocale, String timeZone) {
    }

    public record District(String id, Map<String, String> names) {
    }

    public record Category(String id, int order, Map<String, String> names, Map<String, String> descriptions) {
    }
}
