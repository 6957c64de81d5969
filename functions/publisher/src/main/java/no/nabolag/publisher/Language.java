package no.nabolag.publisher;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import no.nabolag.lambda.http.web.HttpRequest;

/** The form's language: bokmål by default, English on {@code ?lang=en} or when Accept-Language prefers it. */
enum Language {
    NB("nb"),
    EN("en");

    final String code;

    Language(String code) {
        this.code = code;
    }

    static Language of(HttpRequest request) {
        Optional<Language> explicit = explicit(request);
        if (explicit.isPresent()) {
            return explicit.get();
        }
        String accept = request.header("accept-language").orElse("");
        if (accept.isBlank()) {
            return NB;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(accept)) {
                String lang = range.getRange().toLowerCase(Locale.ROOT);
                if (range.getWeight() <= 0) {
                    continue;
                }
                if (lang.startsWith("nb") || lang.startsWith("nn") || lang.startsWith("no") || lang.equals("*")) {
                    return NB;
                }
                if (lang.startsWith("en")) {
                    return EN;
                }
            }
        } catch (IllegalArgumentException e) {
            return NB;
        }
        return NB;
    }

    /** The language asked for by {@code ?lang=}, kept in form and receipt URLs. */
    static Optional<Language> explicit(HttpRequest request) {
        String lang = request.queryParameter("lang").orElse("").toLowerCase(Locale.ROOT);
        for (Language language : List.of(values())) {
            if (language.code.equals(lang)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
