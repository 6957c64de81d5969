package no.nabolag.lambda.http.web.html;

import java.util.LinkedHashMap;
import java.util.Map;
import no.nabolag.lambda.http.web.HttpResponse;

/**
 * HTML responses with the security headers every page of a function carries: its Content-Security-Policy, no
 * referrer, no sniffing, no framing and no caching (pages show a signed link's or a member's own data).
 */
public final class HtmlPages {
    private final String contentSecurityPolicy;

    /** @param contentSecurityPolicy the function's policy (the publisher allows no script, the console its own) */
    public HtmlPages(String contentSecurityPolicy) {
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    public String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    public HttpResponse page(int status, String html) {
        return new HttpResponse(status, securityHeaders(HttpResponse.HTML), html);
    }

    /** 303 See Other, the answer to a form post (or to send a browser elsewhere), with the same headers. */
    public HttpResponse redirect(String location) {
        Map<String, String> headers = securityHeaders(HttpResponse.HTML);
        headers.put("location", location);
        return new HttpResponse(303, headers, "");
    }

    /** The headers of a page with this content type; a new, modifiable map. */
    public Map<String, String> securityHeaders(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        headers.put("content-security-policy", contentSecurityPolicy);
        headers.put("referrer-policy", "no-referrer");
        headers.put("x-content-type-options", "nosniff");
        headers.put("x-frame-options", "DENY");
        headers.put("cache-control", "no-store");
        return headers;
    }
}
