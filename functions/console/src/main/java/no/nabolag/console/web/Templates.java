package no.nabolag.console.web;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import no.nabolag.lambda.http.web.html.HtmlTemplates;

/**
 * The console's HTML templates (lambda-http's shared {@link HtmlTemplates}, from the classpath under
 * no/nabolag/console/templates). {{x}} HTML-escapes; the templates use the unescaped {{{x}}} only for SVG this
 * module drew itself from escaped text (charts, QR codes).
 */
public final class Templates {
    private final HtmlTemplates templates = new HtmlTemplates("no/nabolag/console/templates");

    /**
     * Renders a template. For every list in the scope, {@code <name>Any} tells whether it has elements, so a template
     * can wrap a list in a table once ({{#postsAny}}<table>...{{/postsAny}}); Mustache has no index access.
     */
    public String render(String name, Map<String, Object> scope) {
        Map<String, Object> withFlags = new HashMap<>(scope);
        scope.forEach((key, value) -> {
            if (value instanceof Collection<?> list) {
                withFlags.put(key + "Any", !list.isEmpty());
            }
        });
        return templates.render(name, withFlags);
    }
}
