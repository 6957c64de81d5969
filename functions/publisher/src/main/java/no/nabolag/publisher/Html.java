package no.nabolag.publisher;

import java.util.List;
import java.util.Map;
import no.nabolag.lambda.http.web.HttpResponse;
import no.nabolag.lambda.http.web.html.HtmlPages;
import no.nabolag.lambda.http.web.html.HtmlTemplates;

/**
 * The publisher's pages through the shared mechanism (lambda-http {@code web.html}): its templates under
 * publisher/templates, and its policy: no script at all, styles and images from itself only.
 * {@code {{{value}}}} is used only for HTML that {@link PlainText} built from escaped text.
 */
final class Html {
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    /** The page templates (partials are compiled with them). */
    static final List<String> PAGES = List.of("form", "receipt", "message");
    private static final HtmlTemplates TEMPLATES = new HtmlTemplates("publisher/templates");
    private static final HtmlPages RESPONSES = new HtmlPages(CSP);

    private Html() {
    }

    /** Compiles every page template now, at init (and so into a SnapStart snapshot), not on a resident's request. */
    static void compileAll() {
        TEMPLATES.compileAll(PAGES);
    }

    static String render(String template, Map<String, Object> model) {
        return TEMPLATES.render(template, model);
    }

    /** An HTML page with the security headers. */
    static HttpResponse page(int status, String html) {
        return RESPONSES.page(status, html);
    }

    /** A redirect that also carries the page headers (it is the answer to a form post). */
    static HttpResponse seeOther(String location) {
        return RESPONSES.redirect(location);
    }
}
