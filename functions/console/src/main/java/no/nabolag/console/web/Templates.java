package no.nabolag.console.web;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's HTML templates (Mustache.java, from the classpath under no/nabolag/console/templates). {{x}}
 * HTML-escapes; the templates use the unescaped {{{x}}} only for SVG this module drew itself from escaped text
 * (charts, QR codes).
 */
public final class Templates {
    private final MustacheFactory factory = new DefaultMustacheFactory("no/nabolag/console/templates");
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    /**
     * Renders a template. For every list in the scope, {@code <name>Any} tells whether it has elements, so a template
     * can wrap a list in a table once ({{#postsAny}}<table>...{{/postsAny}}); Mustache has no index access.
     */
    public String render(String name, Map<String, Object> scope) {
        Mustache mustache = compiled.computeIfAbsent(name, n -> factory.compile(n + ".mustache"));
        Map<String, Object> withFlags = new java.util.HashMap<>(scope);
        scope.forEach((key, value) -> {
            if (value instanceof java.util.Collection<?> list) {
                withFlags.put(key + "Any", !list.isEmpty());
            }
        });
        StringWriter out = new StringWriter();
        mustache.execute(out, withFlags);
        return out.toString();
    }
}
