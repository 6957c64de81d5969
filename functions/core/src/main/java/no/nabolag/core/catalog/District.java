package no.nabolag.core.catalog;

import java.util.Map;

/** A district of a tenant (bydel). District ids are unique across tenants. */
public record District(String tenantId, String districtId, String name, Map<String, String> names, boolean retired) {
    public District {
        names = names == null ? Map.of() : Map.copyOf(names);
    }

    /** The district's name in the language, falling back to its plain name. */
    public String name(String lang) {
        String localized = lang == null ? null : names.get(lang);
        return localized == null || localized.isBlank() ? name : localized;
    }
}
