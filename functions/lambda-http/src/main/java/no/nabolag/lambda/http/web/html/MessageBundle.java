package no.nabolag.lambda.http.web.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A function's texts per language, from {@code <base>_<language>.properties} on the class path (UTF-8). The first
 * language is the default: an unknown language gets it, and {@link #format} falls back to it for a key the language
 * lacks (the maps for templates are each language's own, so a test can check that every language has every key).
 * Placeholders {0}, {1}, ... are replaced plainly (apostrophes are safe); templates escape the result.
 */
public final class MessageBundle {
    private final String defaultLanguage;
    private final Map<String, Map<String, String>> texts = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> trees = new HashMap<>();

    private MessageBundle(String base, List<String> languages) {
        this.defaultLanguage = languages.get(0);
        for (String language : languages) {
            Map<String, String> own = load(base + "_" + language + ".properties");
            texts.put(language, Map.copyOf(own));
            trees.put(language, tree(own));
        }
    }

    /**
     * @param base      the resource name before "_&lt;language&gt;.properties", e.g. "/publisher/messages"
     * @param languages the languages, the default first
     */
    public static MessageBundle load(String base, List<String> languages) {
        return new MessageBundle(base, languages);
    }

    public List<String> languages() {
        return List.copyOf(texts.keySet());
    }

    /** Every text of a language by key, as templates read them with flat keys ({{t.nav_posts}}). */
    public Map<String, String> texts(String language) {
        return texts.getOrDefault(language, texts.get(defaultLanguage));
    }

    /** Every text of a language as nested maps, for dotted keys in templates ({{t.form.title.label}}). */
    public Map<String, Object> tree(String language) {
        return trees.getOrDefault(language, trees.get(defaultLanguage));
    }

    /** A text with {0}, {1}, ... replaced by the arguments; the default language's, or the key, when it lacks one. */
    public String format(String language, String key, Object... args) {
        String text = texts(language).get(key);
        if (text == null) {
            text = texts.get(defaultLanguage).getOrDefault(key, key);
        }
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    /** "a.b.c" keys to nested maps (Mustache resolves dotted names step by step); a key may not be both. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree(Map<String, String> texts) {
        Map<String, Object> root = new HashMap<>();
        texts.forEach((key, text) -> {
            String[] parts = key.split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                Object child = node.computeIfAbsent(parts[i], k -> new HashMap<String, Object>());
                if (!(child instanceof Map)) {
                    throw new IllegalStateException("Message key " + key + " is below a text");
                }
                node = (Map<String, Object>) child;
            }
            if (node.putIfAbsent(parts[parts.length - 1], text) != null) {
                throw new IllegalStateException("Message key " + key + " is also a prefix");
            }
        });
        return root;
    }

    private static Map<String, String> load(String resource) {
        try (InputStream in = MessageBundle.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> texts = new HashMap<>();
            properties.stringPropertyNames().forEach(name -> texts.put(name, properties.getProperty(name)));
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
