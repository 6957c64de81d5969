package no.nabolag.console;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nabolag.aws.security.SecretsManagerSigningSecret;
import no.nabolag.console.auth.OidcSettings;
import no.nabolag.console.auth.SessionCookie;
import no.nabolag.console.auth.TokenEndpoint;
import no.nabolag.console.auth.TokenVerifier;
import no.nabolag.console.web.Gate;
import no.nabolag.console.web.Html;
import no.nabolag.console.web.Messages;
import no.nabolag.console.web.PageContext;
import no.nabolag.console.web.Templates;
import no.nabolag.core.config.Settings;
import no.nabolag.core.security.SigningKeys;
import no.nabolag.lambda.http.web.HttpResponse;
import no.nabolag.lambda.http.web.Router;

/**
 * The communication desk: every route of the console, keyed exactly as in template.yaml. A second door onto the
 * domain services the admin API uses (organisations, links, post publication and moderation), not a copy of them.
 */
public final class Console {
    private final Router router = new Router();

    public Console(OidcSettings oidc, TokenVerifier verifier, TokenEndpoint tokenEndpoint, SigningKeys keys, Clock clock,
                   ConsoleServices services) {
        Messages messages = new Messages();
        Templates templates = new Templates();
        SessionCookie cookies = new SessionCookie(keys, oidc.secureCookies());
        Gate gate = new Gate(cookies, messages, templates, oidc.origin(), clock);
        StaticFiles files = new StaticFiles();
        router.route("GET /console", gate.page(context -> home(context, templates)))
                .route("GET /console/static/{file}", files::serve);
        new SignInRoutes(oidc, verifier, tokenEndpoint, cookies, gate, messages, templates, clock).register(router);
        new OrganizationPages(services, gate, templates).register(router);
        new PostPages(services, gate, templates, verifier).register(router);
        new PublishPages(services, gate, templates, clock).register(router);
        new CatalogPages(services, gate, templates).register(router);
    }

    public static Console from(Settings settings) {
        OidcSettings oidc = OidcSettings.from(settings);
        SigningKeys keys = SecretsManagerSigningSecret.load(settings);
        Clock clock = Clock.systemUTC();
        return new Console(oidc, TokenVerifier.from(oidc), new TokenEndpoint(oidc), keys, clock,
                ConsoleServices.from(settings, keys, clock));
    }

    public Router router() {
        return router;
    }

    private static HttpResponse home(PageContext context, Templates templates) {
        Map<String, Object> scope = context.scope("home_title");
        var member = context.session().member();
        scope.put("intro", context.text("home_intro").replace("{0}", member.name()));
        List<String> roles = new ArrayList<>();
        member.adminTenants().forEach(t -> roles.add(context.text("home_admin").replace("{0}", t)));
        member.editorDistricts().forEach(d -> roles.add(context.text("home_editor").replace("{0}", d)));
        scope.put("roles", roles);
        return Html.page(200, templates.render("home", scope));
    }
}
