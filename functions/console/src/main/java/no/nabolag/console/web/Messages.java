package no.nabolag.console.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import jakarta.inject.Singleton;

/**
 * The console's texts in Norwegian bokmål (the default) and English, from messages_nb/en.properties (UTF-8).
 * The language is ?lang=nb|en (remembered in a cookie), else the first of Accept-Language we have, else nb.
 */
@Singleton
public final class Messages {
    public static final List<String> LANGUAGES = List.of("nb", "en");
    public static final String COOKIE = "nabolag_console_lang";
    private final Map<String, Map<String, String>> byLanguage = new HashMap<>();

    public Messages() {
        for (String language : LANGUAGES) {
            byLanguage.put(language, load("/no/nabolag/console/messages_" + language + ".properties"));
        }
    }

    /** All texts of a language, as the templates' {{t.key}}. */
    public Map<String, String> of(String language) {
        return byLanguage.getOrDefault(language, byLanguage.get("nb"));
    }

    public String get(String language, String key) {
        return of(language).getOrDefault(key, key);
    }

    /** A text with {0}-style placeholders filled in (plain replacement; the result is escaped by the template). */
    public String format(String language, String key, Object... args) {
        String text = get(language, key);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    /** Picks the language of a request: explicit parameter, then the cookie, then Accept-Language, then nb. */
    public static String choose(Optional<String> parameter, Optional<String> cookieHeader, Optional<String> acceptLanguage) {
        if (parameter.isPresent() && LANGUAGES.contains(parameter.get())) {
            return parameter.get();
        }
        Optional<String> cookie = cookieHeader.flatMap(Messages::cookieValue);
        if (cookie.isPresent() && LANGUAGES.contains(cookie.get())) {
            return cookie.get();
        }
        if (acceptLanguage.isPresent()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage.get())) {
                    String language = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                    if (language.equals("no") || language.equals("nn")) {
                        return "nb";
                    }
                    if (LANGUAGES.contains(language)) {
                        return language;
                    }
                }
            } catch (IllegalArgumentException ignored) {
                // a malformed header: fall through to the default
            }
        }
        return "nb";
    }

    private static Optional<String> cookieValue(String header) {
        for (String pair : header.split(";")) {
            String trimmed = pair.trim();
            if (trimmed.startsWith(COOKIE + "=")) {
                return Optional.of(trimmed.substring(COOKIE.length() + 1));
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new HashMap<>();
        properties.forEach((k, v) -> map.put((String) k, (String) v));
        return Map.copyOf(map);
    }
}
