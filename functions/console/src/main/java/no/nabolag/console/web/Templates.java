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

    public String render(String name, Map<String, Object> scope) {
        Mustache mustache = compiled.computeIfAbsent(name, n -> factory.compile(n + ".mustache"));
        StringWriter out = new StringWriter();
        mustache.execute(out, scope);
        return out.toString();
    }
}
