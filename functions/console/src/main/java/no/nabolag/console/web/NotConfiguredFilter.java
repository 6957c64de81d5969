package no.nabolag.console.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Without PublicBaseUrl (the first deploy, before the API's URL is known) the console has no callback URL to sign
 * in with. It starts anyway and answers every request with a page saying so (503) instead of failing its init,
 * which would fail every request with a bare 500 and say nothing.
 */
@Filter("/console/**")
@Requires(property = "nabolag.console.configured", value = "false")
public final class NotConfiguredFilter implements HttpServerFilter {
    private final Pages pages;

    public NotConfiguredFilter(Pages pages) {
        this.pages = pages;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (request.getPath().startsWith("/console/static/")) {
            return chain.proceed(request);
        }
        String lang = pages.language(request);
        Map<String, String> t = pages.messages().of(lang);
        MutableHttpResponse<?> page = pages.page(request, 503, "not-configured", Map.of("t", t, "lang", lang,
                "pageTitle", t.get("notConfigured_title")));
        return Publishers.just(page.header("Retry-After", "3600"));
    }
}
