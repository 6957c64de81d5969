package no.nabolag.publisher;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An application/x-www-form-urlencoded body; repeated names (district, category) keep every value in order. */
final class FormBody {
    private final Map<String, List<String>> values;

    private FormBody(Map<String, List<String>> values) {
        this.values = values;
    }

    static FormBody parse(String body) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (body != null && !body.isEmpty()) {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return new FormBody(values);
    }

    /** The first value, or "" when absent. */
    String first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? "" : list.get(0);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
