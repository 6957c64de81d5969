package no.nabolag.console.web;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;

/**
 * The headers every console response carries, whatever produced it (a page, a redirect, an error, Micronaut
 * Security's refusal): no referrer, no sniffing, no framing, no caching (static files set their own cache).
 * Also remembers a language chosen with {@code ?lang=} in a cookie. (The Content-Security-Policy comes from
 * micronaut-views' CSP filter.)
 */
@Filter("/console/**")
public final class SecurityHeadersFilter implements HttpServerFilter {
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        return Publishers.map(chain.proceed(request), response -> {
            MutableHttpHeaders headers = response.getHeaders();
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            if (headers.get("Cache-Control") == null) {
                headers.set("Cache-Control", "no-store");
            }
            request.getParameters().getFirst("lang").filter(Messages.LANGUAGES::contains).ifPresent(lang ->
                    headers.add("Set-Cookie", Messages.COOKIE + "=" + lang
                            + "; Path=/console; Max-Age=31536000; SameSite=Lax"));
            return response;
        });
    }
}
