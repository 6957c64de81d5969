package no.nabolag.lambda.http.web.html;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A function's HTML templates: Mustache.java (logic-less), from the class path under one folder, each compiled once.
 * {@code {{value}}} is HTML-escaped; a template uses the unescaped {@code {{{value}}}} only for markup the function
 * built itself from escaped text.
 */
public final class HtmlTemplates {
    private final MustacheFactory factory;
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    /** @param classpathFolder where the {@code <name>.mustache} files are, e.g. "publisher/templates" */
    public HtmlTemplates(String classpathFolder) {
        this.factory = new DefaultMustacheFactory(classpathFolder);
    }

    /** Compiles these templates now (at init, so into a SnapStart snapshot), not on a first request. */
    public HtmlTemplates compileAll(Collection<String> names) {
        names.forEach(this::template);
        return this;
    }

    public String render(String name, Object scope) {
        StringWriter out = new StringWriter(8192);
        template(name).execute(out, scope);
        return out.toString();
    }

    private Mustache template(String name) {
        return compiled.computeIfAbsent(name, n -> factory.compile(n + ".mustache"));
    }
}
