package no.nabolag.catalogloader;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a catalog file with SnakeYAML's safe constructor (plain maps and lists, no object instantiation)
 * and reports every structural mistake at once, naming where it is. Content rules (slugs, lengths, languages)
 * are the admin API's, so the file and the API can never disagree about them.
 */
public final class CatalogFileReader {

    public static CatalogFile read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return parse(root, file.toString());
        }
    }

    static CatalogFile parse(Object root, String source) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> top = map(root, "the file", problems);
        Map<String, Object> tenant = map(top.get("tenant"), "tenant", problems);
        CatalogFile.Tenant t = new CatalogFile.Tenant(text(tenant, "id", "tenant", problems),
                text(tenant, "name", "tenant", problems), text(tenant, "defaultLocale", "tenant", problems),
                text(tenant, "timeZone", "tenant", problems));
        List<CatalogFile.District> districts = new ArrayList<>();
        List<Object> districtList = list(top.get("districts"), "districts", problems);
        for (int i = 0; i < districtList.size(); i++) {
            String where = "districts[" + i + "]";
            Map<String, Object> d = map(districtList.get(i), where, problems);
            districts.add(new CatalogFile.District(text(d, "id", where, problems), texts(d, "names", where, problems)));
        }
        List<CatalogFile.Category> categories = new ArrayList<>();
        List<Object> categoryList = list(top.get("categories"), "categories", problems);
        for (int i = 0; i < categoryList.size(); i++) {
            String where = "categories[" + i + "]";
            Map<String, Object> c = map(categoryList.get(i), where, problems);
            Object order = c.get("order");
            if (order != null && !(order instanceof Integer)) {
                problems.add(where + ".order must be a whole number");
            }
            categories.add(new CatalogFile.Category(text(c, "id", where, problems),
                    order instanceof Integer n ? n : (i + 1) * 10, texts(c, "names", where, problems),
                    c.containsKey("descriptions") ? texts(c, "descriptions", where, problems) : Map.of()));
        }
        List<CatalogFile.App> apps = new ArrayList<>();
        List<Object> appList = top.containsKey("apps") ? list(top.get("apps"), "apps", problems) : List.of();
        for (int i = 0; i < appList.size(); i++) {
            String where = "apps[" + i + "]";
            Map<String, Object> a = map(appList.get(i), where, problems);
            String apns = optionalText(a, "apnsPlatformApplicationArn");
            String fcm = optionalText(a, "fcmPlatformApplicationArn");
            if (apns == null && fcm == null) {
                problems.add(where + " needs apnsPlatformApplicationArn, fcmPlatformApplicationArn or both");
            }
            apps.add(new CatalogFile.App(text(a, "id", where, problems), text(a, "name", where, problems), apns, fcm));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + " is not a valid catalog file:\n  - "
                    + String.join("\n  - ", problems));
        }
        return new CatalogFile(t, districts, categories, apps);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String where, List<String> problems) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        problems.add(where + " must be a mapping");
        return Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String where, List<String> problems) {
        if (value instanceof List<?> l) {
            return (List<Object>) l;
        }
        problems.add(where + " must be a list");
        return List.of();
    }

    private static String text(Map<String, Object> m, String key, String where, List<String> problems) {
        Object value = m.get(key);
        if (value == null) {
            problems.add(where + "." + key + " is missing");
            return null;
        }
        return String.valueOf(value);
    }

    private static String optionalText(Map<String, Object> m, String key) {
        Object value = m.get(key);
        return value == null ? null : String.valueOf(value);
    }

    private static Map<String, String> texts(Map<String, Object> m, String key, String where, List<String> problems) {
        Object value = m.get(key);
        if (!(value instanceof Map<?, ?> texts)) {
            problems.add(where + "." + key + " must be a mapping of language to text, e.g. { nb: ..., en: ... }");
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        texts.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
        return result;
    }
}
