package no.nabolag.lambda.http.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * application/x-www-form-urlencoded data: a form body or a query string. Repeated names (checkboxes such as
 * district and category) keep every value in order. The one parser for the publisher form, the console and the
 * query strings of the HTTP adapter.
 */
public final class FormData {
    private final Map<String, List<String>> fields;

    private FormData(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    public static FormData parse(String encoded) {
        return new FormData(decode(encoded));
    }

    /** Name to values, in order; a malformed escape is kept as it was written rather than dropped. */
    public static Map<String, List<String>> decode(String encoded) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = unescape(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : unescape(pair.substring(eq + 1));
            fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return fields;
    }

    public Optional<String> get(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The first value as sent, or "" when absent. */
    public String first(String name) {
        return get(name).orElse("");
    }

    /** The first value, stripped; "" when absent. */
    public String text(String name) {
        return first(name).strip();
    }

    public List<String> all(String name) {
        return fields.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    /** A checkbox: present with a value other than "" or "false". */
    public boolean checked(String name) {
        return get(name).map(v -> !v.isEmpty() && !v.equals("false")).orElse(false);
    }

    private static String unescape(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
