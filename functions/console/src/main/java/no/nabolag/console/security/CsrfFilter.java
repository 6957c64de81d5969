package no.nabolag.console.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import no.nabolag.console.ConsoleSettings;
import no.nabolag.console.web.FormBodies;
import no.nabolag.console.web.Pages;
import no.nabolag.core.log.JsonLog;
import org.reactivestreams.Publisher;

/**
 * Every state change (POST) of a signed-in member must come from the console's own pages: a foreign {@code Origin}
 * is refused, and the form must carry the session's CSRF token (hidden field {@code csrf}, compared in constant time;
 * the token lives in the signed session, so another session's token never passes). {@code Origin: null}, which
 * Chromium sends for the console's own forms under {@code Referrer-Policy: no-referrer}, falls to the token check.
 * Runs after Micronaut Security has validated the session; without a session Security has already answered 401.
 * (Micronaut Security's own CSRF module is not available here, and this is the same check in twenty lines.)
 */
@Filter(value = "/console/**", methods = HttpMethod.POST)
@Requires(property = "nabolag.console.configured", value = "true")
public final class CsrfFilter implements HttpServerFilter {
    public static final String FIELD = "csrf";
    private static final JsonLog LOG = JsonLog.forClass(CsrfFilter.class);
    private final Pages pages;
    private final String origin;

    public CsrfFilter(Pages pages, ConsoleSettings settings) {
        this.pages = pages;
        this.origin = settings.origin();
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Optional<Authentication> session = request.getUserPrincipal(Authentication.class);
        if (session.isEmpty()) {
            return chain.proceed(request);
        }
        String requestOrigin = request.getHeaders().get("Origin");
        if (requestOrigin != null && !requestOrigin.equals("null") && !requestOrigin.equals(origin)) {
            LOG.warn("cross-origin POST refused", Map.of("path", request.getPath()));
            return Publishers.just(pages.error(request, 403, "error_csrf"));
        }
        String expected = String.valueOf(session.get().getAttributes().getOrDefault(CognitoMembers.CSRF, ""));
        String token = FormBodies.of(request).get(FIELD).orElse("");
        if (expected.isEmpty() || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            LOG.warn("CSRF token missing or wrong", Map.of("path", request.getPath()));
            return Publishers.just(pages.error(request, 403, "error_csrf"));
        }
        return chain.proceed(request);
    }
}
