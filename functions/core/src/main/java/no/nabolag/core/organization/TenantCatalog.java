package no.nabolag.core.organization;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What publishing needs of a tenant's catalog: its time zone, and its districts and categories with their names.
 * Read from CatalogTable (docs/data-model.md); a small read model of the publisher's own, not the catalog's API.
 */
public record TenantCatalog(String tenantId, String name, ZoneId timeZone, List<Entry> districts, List<Entry> categories) {

    public TenantCatalog {
        districts = List.copyOf(districts);
        categories = List.copyOf(categories);
    }

    /** A district or category: id, names by language (nb, en), order (categories), retired. */
    public record Entry(String id, Map<String, String> names, int order, boolean retired) {
        public Entry {
            names = Map.copyOf(names);
        }

        /** The name in the language, falling back to bokmål, then any name, then the id. */
        public String name(String language) {
            String name = names.get(language);
            if (name == null) {
                name = names.get("nb");
            }
            if (name == null) {
                name = names.values().stream().findFirst().orElse(id);
            }
            return name;
        }
    }

    public Optional<Entry> district(String id) {
        return districts.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Optional<Entry> category(String id) {
        return categories.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
