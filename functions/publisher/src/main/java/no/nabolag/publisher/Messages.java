package no.nabolag.publisher;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** The form's texts per language, from publisher/messages_<lang>.properties (UTF-8). */
final class Messages {
    private static final Map<Language, Map<String, String>> TEXTS = new EnumMap<>(Language.class);
    private static final Map<Language, Map<String, Object>> TREES = new EnumMap<>(Language.class);

    static {
        for (Language language : Language.values()) {
            Map<String, String> texts = load("/publisher/messages_" + language.code + ".properties");
            TEXTS.put(language, texts);
            TREES.put(language, tree(texts));
        }
    }

    private Messages() {
    }

    /** Every text of a language as nested maps, for templates: {@code {{t.form.title.label}}}. */
    static Map<String, Object> tree(Language language) {
        return TREES.get(language);
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

    /** A text with {0}, {1}, ... replaced by the arguments (plain replacement: apostrophes are safe). */
    static String get(Language language, String key, Object... args) {
        String text = TEXTS.get(language).get(key);
        if (text == null) {
            text = TEXTS.get(Language.NB).getOrDefault(key, key);
        }
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    private static Map<String, String> load(String resource) {
        try (InputStream in = Messages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> texts = new HashMap<>();
            properties.stringPropertyNames().forEach(name -> texts.put(name, properties.getProperty(name)));
            return Map.copyOf(texts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
