package no.nabolag.core.catalog;

import java.util.Map;

/** A topic residents choose and publishers tag posts with; ids are unique within a tenant. */
public record Category(String tenantId, String categoryId, Map<String, String> names, Map<String, String> descriptions,
                       int order, boolean retired) {
    public Category {
        names = names == null ? Map.of() : Map.copyOf(names);
        descriptions = descriptions == null ? Map.of() : Map.copyOf(descriptions);
    }

    public String name(String lang, String fallbackLang) {
        return localized(names, lang, fallbackLang, categoryId);
    }

    public String description(String lang, String fallbackLang) {
        return localized(descriptions, lang, fallbackLang, "");
    }

    static String localized(Map<String, String> texts, String lang, String fallbackLang, String last) {
        String text = lang == null ? null : texts.get(lang);
        if (text == null || text.isBlank()) {
            text = texts.get(fallbackLang);
        }
        return text == null || text.isBlank() ? last : text;
    }
}
