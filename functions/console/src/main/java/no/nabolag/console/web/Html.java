package no.nabolag.console.web;

import java.util.Map;
import no.nabolag.lambda.http.web.HttpResponse;
import no.nabolag.lambda.http.web.html.HtmlPages;

/** Responses of the console with the security headers every page carries (lambda-http's shared {@link HtmlPages}). */
public final class Html {
    /**
     * No inline script or style at all: scripts and styles come from /console/static only; forms post to the
     * console only; no framing; no base-URI tricks.
     */
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final HtmlPages PAGES = new HtmlPages(CSP);

    private Html() {
    }

    public static HttpResponse page(int status, String html) {
        return PAGES.page(status, html);
    }

    /** 303 See Other after a POST (or to send a browser elsewhere). */
    public static HttpResponse redirect(String location) {
        return PAGES.redirect(location);
    }

    public static Map<String, String> securityHeaders(String contentType) {
        return PAGES.securityHeaders(contentType);
    }
}
