package no.nabolag.publisher;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What every page shares: the language, the absolute URLs built from PUBLIC_BASE_URL (never the Host header),
 * the stylesheet and the language switch.
 *
 * @param token the link token, or null on pages without a usable link
 */
record Page(Language language, boolean explicitLanguage, String baseUrl, String token) {

    String formUrl() {
        return baseUrl + "/p/" + token + languageQuery();
    }

    String receiptUrl(String postId) {
        return baseUrl + "/p/" + token + "/receipts/" + postId + languageQuery();
    }

    String languageQuery() {
        return explicitLanguage ? "?lang=" + language.code : "";
    }

    Map<String, Object> base(String pageTitle) {
        return base(pageTitle, token == null ? null : baseUrl + "/p/" + token);
    }

    /** The page's shared model; the language switch leads to {@code selfUrl} in the other language. */
    Map<String, Object> base(String pageTitle, String selfUrl) {
        Map<String, Object> m = new HashMap<>();
        m.put("lang", language.code);
        m.put("t", Messages.tree(language));
        m.put("pageTitle", pageTitle);
        m.put("stylesheet", baseUrl + "/p/assets/form.css");
        Optional.ofNullable(selfUrl).ifPresent(self -> {
            Language other = language == Language.NB ? Language.EN : Language.NB;
            m.put("langSwitch", Map.of(
                    "href", self + "?lang=" + other.code,
                    "label", Messages.get(language, "language.switch"),
                    "code", other.code));
        });
        return m;
    }
}
