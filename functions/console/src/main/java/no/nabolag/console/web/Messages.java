package no.nabolag.console.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import no.nabolag.lambda.http.web.html.MessageBundle;

/**
 * The console's texts in Norwegian bokmål (the default) and English, from messages_nb/en.properties (UTF-8), through
 * lambda-http's shared {@link MessageBundle}.
 * The language is ?lang=nb|en (remembered in a cookie), else the first of Accept-Language we have, else nb.
 */
public final class Messages {
    public static final List<String> LANGUAGES = List.of("nb", "en");
    public static final String COOKIE = "nabolag_console_lang";
    private final MessageBundle bundle = MessageBundle.load("/no/nabolag/console/messages", LANGUAGES);

    /** All texts of a language, as the templates' {{t.key}}. */
    public Map<String, String> of(String language) {
        return bundle.texts(language);
    }

    public String get(String language, String key) {
        return bundle.format(language, key);
    }

    /** A text with {0}-style placeholders filled in (plain replacement; the result is escaped by the template). */
    public String format(String language, String key, Object... args) {
        return bundle.format(language, key, args);
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
}
