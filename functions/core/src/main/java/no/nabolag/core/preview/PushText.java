package no.nabolag.core.preview;

/**
 * What a phone of a platform shows of a title and body once delivery has fitted them into a push: delivery's own
 * rule, so the preview and the push cannot drift apart.
 */
@FunctionalInterface
public interface PushText {
    Shown fit(String platform, String title, String body, boolean urgent);

    /** @param shortened whether delivery cut the title or body to fit the push */
    record Shown(String title, String body, boolean shortened) {
    }

    /** Delivery that sends the text as written (no shortening). */
    PushText WHOLE = (platform, title, body, urgent) -> new Shown(title, body, false);
}
