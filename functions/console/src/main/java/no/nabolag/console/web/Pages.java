package no.nabolag.console.web;

import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.ModelAndViewRenderer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's responses: pages rendered through micronaut-views ({@link ModelAndViewRenderer} with the Mustache
 * renderer), 303 redirects, and error pages. The security headers are added to every response by
 * SecurityHeadersFilter and the Content-Security-Policy by micronaut-views' CSP filter.
 */
@Singleton
public final class Pages {
    public static final MediaType HTML = MediaType.of("text/html;charset=utf-8");
    private final ModelAndViewRenderer<Map<String, Object>, HttpRequest<?>> renderer;
    private final Messages messages;

    public Pages(ModelAndViewRenderer<Map<String, Object>, HttpRequest<?>> renderer, Messages messages) {
        this.renderer = renderer;
        this.messages = messages;
    }

    public Messages messages() {
        return messages;
    }

    /** A page: the view rendered with its scope, as text/html with the given status. */
    public MutableHttpResponse<String> page(HttpRequest<?> request, int status, String view, Map<String, Object> scope) {
        Writable writable = renderer.render(new ModelAndView<>(view, scope), request, MediaType.TEXT_HTML)
                .orElseThrow(() -> new IllegalStateException("No renderer for view " + view));
        StringWriter out = new StringWriter();
        try {
            writable.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.<String>status(HttpStatus.valueOf(status)).contentType(HTML).body(out.toString());
    }

    /** 303 See Other after a POST (or to send a browser elsewhere). */
    public MutableHttpResponse<String> redirect(String location) {
        return HttpResponse.<String>status(HttpStatus.SEE_OTHER).header("location", location)
                .contentType(MediaType.TEXT_PLAIN_TYPE).body("");
    }

    /** An error page: 403 (not yours), 404 (no such thing or not yours to see), 400 (invalid form)... */
    public MutableHttpResponse<String> error(HttpRequest<?> request, int status, String messageKey, List<String> details,
                                             String detail) {
        String lang = language(request);
        Map<String, String> t = messages.of(lang);
        Map<String, Object> scope = new HashMap<>();
        scope.put("t", t);
        scope.put("lang", lang);
        String key = messageKey != null ? messageKey : "error_" + status;
        scope.put("pageTitle", t.getOrDefault("error_title", "Error"));
        scope.put("message", t.getOrDefault(key, t.getOrDefault("error_generic", "Error")));
        scope.put("detail", detail);
        scope.put("details", details);
        scope.put("status", status);
        return page(request, status, "error", scope);
    }

    public MutableHttpResponse<String> error(HttpRequest<?> request, int status, String messageKey) {
        return error(request, status, messageKey, null, null);
    }

    /** The request's language: ?lang=, then the language cookie, then Accept-Language, then nb. */
    public String language(HttpRequest<?> request) {
        return Messages.choose(request.getParameters().getFirst("lang"),
                java.util.Optional.ofNullable(request.getHeaders().get("cookie")),
                java.util.Optional.ofNullable(request.getHeaders().get("accept-language")));
    }

    static URI uri(String location) {
        return URI.create(location);
    }
}
