package no.nabolag.console.web;

import java.util.LinkedHashMap;
import java.util.Map;
import no.nabolag.lambda.http.web.HttpResponse;

/** Responses of the console with the security headers every page carries. */
public final class Html {
    /**
     * No inline script or style at all: scripts and styles come from /console/static only; forms post to the
     * console only; no framing; no base-URI tricks.
     */
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private Html() {
    }

    public static HttpResponse page(int status, String html) {
        return new HttpResponse(status, securityHeaders(HttpResponse.HTML), html);
    }

    /** 303 See Other after a POST (or to send a browser elsewhere). */
    public static HttpResponse redirect(String location) {
        Map<String, String> headers = securityHeaders("text/plain; charset=utf-8");
        headers.put("location", location);
        return new HttpResponse(303, headers, "");
    }

    public static Map<String, String> securityHeaders(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        headers.put("content-security-policy", CSP);
        headers.put("referrer-policy", "no-referrer");
        headers.put("x-content-type-options", "nosniff");
        headers.put("x-frame-options", "DENY");
        headers.put("cache-control", "no-store");
        return headers;
    }
}
