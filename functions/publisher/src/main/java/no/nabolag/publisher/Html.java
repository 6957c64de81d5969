package no.nabolag.publisher;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.nabolag.lambda.http.web.HttpResponse;

/**
 * Renders the publisher's pages with Mustache (logic-less; {@code {{value}}} is HTML-escaped, {@code {{{value}}}}
 * is used only for HTML that {@link PlainText} built from escaped text) and sends them with the security headers
 * every page carries.
 */
final class Html {
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    private static final DefaultMustacheFactory FACTORY = new DefaultMustacheFactory("publisher/templates");
    private static final Map<String, Mustache> COMPILED = new ConcurrentHashMap<>();

    private Html() {
    }

    /** The page templates (partials are compiled with them). */
    static final java.util.List<String> PAGES = java.util.List.of("form", "receipt", "message");

    /** Compiles every page template now, at init (and so into a SnapStart snapshot), not on a resident's request. */
    static void compileAll() {
        PAGES.forEach(name -> COMPILED.computeIfAbsent(name, n -> FACTORY.compile(n + ".mustache")));
    }

    static String render(String template, Map<String, Object> model) {
        Mustache mustache = COMPILED.computeIfAbsent(template, name -> FACTORY.compile(name + ".mustache"));
        StringWriter out = new StringWriter(8192);
        mustache.execute(out, model);
        return out.toString();
    }

    /** An HTML page with Referrer-Policy, CSP, nosniff and no-store. */
    static HttpResponse page(int status, String html) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", HttpResponse.HTML);
        headers.put("referrer-policy", "no-referrer");
        headers.put("content-security-policy", CSP);
        headers.put("x-content-type-options", "nosniff");
        headers.put("cache-control", "no-store");
        return new HttpResponse(status, headers, html);
    }

    /** A redirect that also carries the page headers (it is the answer to a form post). */
    static HttpResponse seeOther(String location) {
        return page(303, "").withHeader("location", location);
    }
}
