package no.nabolag.publisher;

import java.util.List;
import java.util.Map;
import no.nabolag.lambda.http.web.html.MessageBundle;

/** The form's texts per language, from publisher/messages_&lt;lang&gt;.properties, through the shared bundle. */
final class Messages {
    private static final MessageBundle BUNDLE = MessageBundle.load("/publisher/messages",
            List.of(Language.NB.code, Language.EN.code));

    private Messages() {
    }

    /** Every text of a language as nested maps, for templates: {@code {{t.form.title.label}}}. */
    static Map<String, Object> tree(Language language) {
        return BUNDLE.tree(language.code);
    }

    /** A text with {0}, {1}, ... replaced by the arguments (plain replacement: apostrophes are safe). */
    static String get(Language language, String key, Object... args) {
        return BUNDLE.format(language.code, key, args);
    }
}
