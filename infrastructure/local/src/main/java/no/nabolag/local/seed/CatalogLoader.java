package no.nabolag.local.seed;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads and checks a catalog YAML file (ids are slugs and unique, every name has nb and en). */
public final class CatalogLoader {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private CatalogLoader() {
    }

    public static Catalog load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Catalog parse(Object document, String source) {
        if (!(document instanceof Map)) {
            throw new IllegalArgumentException(source + ": not a YAML mapping");
        }
        Map<String, Object> root = (Map<String, Object>) document;
        Map<String, Object> t = (Map<String, Object>) root.get("tenant");
        if (t == null) {
            throw new IllegalArgumentException(source + ": missing tenant");
        }
        Catalog.Tenant tenant = new Catalog.Tenant(slug(t.get("id"), source + " tenant.id"), text(t.get("name"),
                source + " tenant.name"), text(t.get("defaultLocale"), source + " tenant.defaultLocale"),
                text(t.get("timeZone"), source + " tenant.timeZone"));
        java.time.ZoneId.of(tenant.timeZone());
        List<Catalog.District> districts = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Object d : (List<Object>) root.getOrDefault("districts", List.of())) {
            Map<String, Object> m = (Map<String, Object>) d;
            String id = slug(m.get("id"), source + " district id");
            if (!ids.add(id)) {
                throw new IllegalArgumentException(source + ": duplicate district " + id);
            }
            districts.add(new Catalog.District(id, localized(m.get("names"), source + " district " + id)));
        }
        List<Catalog.Category> categories = new ArrayList<>();
        ids.clear();
        for (Object c : (List<Object>) root.getOrDefault("categories", List.of())) {
            Map<String, Object> m = (Map<String, Object>) c;
            String id = slug(m.get("id"), source + " category id");
            if (!ids.add(id)) {
                throw new IllegalArgumentException(source + ": duplicate category " + id);
            }
            int order = m.get("order") instanceof Number n ? n.intValue() : categories.size() + 1;
            categories.add(new Catalog.Category(id, order, localized(m.get("names"), source + " category " + id),
                    localized(m.get("descriptions"), source + " category " + id + " descriptions")));
        }
        return new Catalog(tenant, List.copyOf(districts), List.copyOf(categories));
    }

    private static String slug(Object value, String what) {
        String text = text(value, what);
        if (!SLUG.matcher(text).matches()) {
            throw new IllegalArgumentException(what + " must be a lowercase ASCII slug: " + text);
        }
        return text;
    }

    private static String text(Object value, String what) {
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return String.valueOf(value).trim();
    }

    private static Map<String, String> localized(Object value, String what) {
        if (!(value instanceof Map<?, ?> map) || map.get("nb") == null || map.get("en") == null) {
            throw new IllegalArgumentException(what + " needs nb and en");
        }
        Map<String, String> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), text(v, what + "." + k)));
        return result;
    }
}
