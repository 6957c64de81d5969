package no.nabolag.console;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nabolag.console.auth.Member;
import no.nabolag.console.web.PageContext;
import no.nabolag.console.web.Pages;

/** The overview with the member's roles, and the console's two static files. */
@Controller("/console")
@Produces("text/html")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class HomeController {
    private static final Map<String, String> TYPES = Map.of(
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8");
    private final Pages pages;
    private final Map<String, String> files;

    public HomeController(Pages pages) {
        this.pages = pages;
        this.files = Map.of("console.css", load("console.css"), "console.js", load("console.js"));
    }

    @Get
    public MutableHttpResponse<?> home(PageContext context) {
        Map<String, Object> scope = context.scope("home_title");
        Member member = context.member();
        scope.put("intro", context.text("home_intro").replace("{0}", member.name()));
        List<String> roles = new ArrayList<>();
        member.adminTenants().forEach(t -> roles.add(context.text("home_admin").replace("{0}", t)));
        member.editorDistricts().forEach(d -> roles.add(context.text("home_editor").replace("{0}", d)));
        scope.put("roles", roles);
        return pages.page(context.request(), 200, "home", scope);
    }

    /** The stylesheet and the one small script (copy-to-clipboard), served from the jar; nothing else. */
    @Get("/static/{file}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public MutableHttpResponse<?> file(@PathVariable String file) {
        String body = files.get(file);
        if (body == null) {
            return HttpResponse.notFound().contentType(MediaType.TEXT_PLAIN_TYPE).body("Not found");
        }
        return HttpResponse.ok(body).contentType(MediaType.of(TYPES.get(file)))
                .header("Cache-Control", "public, max-age=300");
    }

    private static String load(String name) {
        try (InputStream in = HomeController.class.getResourceAsStream("/no/nabolag/console/static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing static file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
