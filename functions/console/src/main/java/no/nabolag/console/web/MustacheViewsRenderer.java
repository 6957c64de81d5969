package no.nabolag.console.web;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.views.ViewsRenderer;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * micronaut-views' renderer for the console's Mustache templates (Mustache.java, under
 * no/nabolag/console/templates): micronaut-views ships no Mustache engine, and these templates (with their
 * layout inheritance) were already written and axe-tested, so they stay and this is the small adapter. {{x}}
 * HTML-escapes by default; the templates use the unescaped {{{x}}} only for SVG the console drew itself from
 * escaped text (charts, QR codes). A template is compiled when a page first needs it, so a cold start compiles
 * only the page it shows (and the layout); SnapStart priming compiles them all ({@link #compileAll()}) before the
 * snapshot.
 */
@Singleton
@Produces(MediaType.TEXT_HTML)
public final class MustacheViewsRenderer<T> implements ViewsRenderer<T, HttpRequest<?>> {
    static final List<String> VIEWS = List.of("catalog", "error", "home", "moderation", "not-configured",
            "organization", "organizations", "post", "posts", "publish", "publish-confirm", "publish-preview", "signed-out");
    private final MustacheFactory factory = new DefaultMustacheFactory("no/nabolag/console/templates");
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    /** Compiles every template now: for the SnapStart snapshot, so no staff member's page pays for it. */
    public void compileAll() {
        VIEWS.forEach(this::compiled);
    }

    @Override
    public Writable render(String viewName, T data, HttpRequest<?> request) {
        Mustache mustache = compiled(viewName);
        Map<String, Object> scope = withListFlags(data);
        return out -> mustache.execute(out, scope).flush();
    }

    @Override
    public boolean exists(String viewName) {
        return VIEWS.contains(viewName);
    }

    private Mustache compiled(String viewName) {
        return compiled.computeIfAbsent(viewName, name -> factory.compile(name + ".mustache"));
    }

    /**
     * For every list in the scope, {@code <name>Any} tells whether it has elements, so a template can wrap a list in
     * a table once ({{#postsAny}}<table>...{{/postsAny}}); Mustache has no index access.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withListFlags(Object data) {
        Map<String, Object> scope = new HashMap<>();
        if (data instanceof Map<?, ?> map) {
            scope.putAll((Map<String, Object>) map);
            map.forEach((key, value) -> {
                if (value instanceof Collection<?> list) {
                    scope.put(key + "Any", !list.isEmpty());
                }
            });
        }
        return scope;
    }
}
