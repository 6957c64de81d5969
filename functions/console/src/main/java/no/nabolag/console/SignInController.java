package no.nabolag.console;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.client.OpenIdClient;
import io.micronaut.security.rules.SecurityRule;
import jakarta.inject.Named;
import java.util.HashMap;
import java.util.Map;
import no.nabolag.console.auth.Member;
import no.nabolag.console.security.CognitoMembers;
import no.nabolag.console.security.LoginAttempts;
import no.nabolag.console.security.SessionCookies;
import no.nabolag.console.web.PageContextBinder;
import no.nabolag.console.web.Pages;
import no.nabolag.core.log.JsonLog;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sign-in with Micronaut Security's OpenID client: the OAuth 2.0 authorisation code flow with PKCE (S256), state
 * and nonce against the configured issuer (Cognito's hosted UI in AWS, the local issuer locally). Micronaut builds
 * the authorisation request, exchanges the code at the token endpoint and validates the ID token (signature against
 * the issuer's JWKS, audience, expiry, nonce); {@link CognitoMembers} turns its groups into roles; the session is a
 * signed JWT cookie ({@link SessionCookies}). What is the console's own: where a member returns afterwards, the
 * pages for a failed sign-in, and sign-out.
 */
@Controller("/console")
@Produces("text/html")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(property = "nabolag.console.configured", value = "true")
public class SignInController {
    private static final JsonLog LOG = JsonLog.forClass(SignInController.class);
    private final OpenIdClient client;
    private final LoginAttempts attempts;
    private final SessionCookies sessions;
    private final Pages pages;
    private final ConsoleSettings settings;

    public SignInController(@Named(ConsoleSettings.PROVIDER) OpenIdClient client, LoginAttempts attempts,
                            SessionCookies sessions, Pages pages, ConsoleSettings settings) {
        this.client = client;
        this.attempts = attempts;
        this.sessions = sessions;
        this.pages = pages;
        this.settings = settings;
    }

    /** Redirects to the issuer; state, nonce and PKCE verifier leave in the one signed sign-in cookie. */
    @Get("/sign-in")
    public Publisher<MutableHttpResponse<?>> signIn(HttpRequest<?> request) {
        String returnTo = LoginAttempts.safeReturnTo(request.getParameters().getFirst("returnTo").orElse("/console"));
        return Publishers.map(client.authorizationRedirect(request), response -> {
            attempts.finish(response, returnTo);
            return response;
        });
    }

    /** The issuer's answer: a session and back to the page the member came from, or a page saying why not. */
    @Get("/callback")
    @SuppressWarnings("unchecked")
    public Publisher<MutableHttpResponse<?>> callback(HttpRequest<?> request) {
        String returnTo = attempts.read(request).map(LoginAttempts.Attempt::returnTo).orElse("/console");
        // Empty: Micronaut's validation refused the ID token (signature, audience, expiry, nonce) after the exchange.
        // A GET callback: Micronaut reads code, state and error from the query (the body type is only nominal).
        return Flux.from(client.onCallback((HttpRequest<Map<String, Object>>) request))
                .<MutableHttpResponse<?>>map(response -> signedIn(request, response, returnTo))
                .switchIfEmpty(Mono.fromSupplier(() -> failed(request, "ID token validation")))
                .onErrorResume(e -> Mono.fromSupplier(() -> failed(request, e.getClass().getSimpleName())));
    }

    private MutableHttpResponse<?> signedIn(HttpRequest<?> request, AuthenticationResponse response, String returnTo) {
        if (response.isAuthenticated() && response.getAuthentication().isPresent()) {
            Member member = PageContextBinder.member(response.getAuthentication().get());
            LOG.info("signed in", Map.of("admin", member.adminTenants().size(), "editor", member.editorDistricts().size()));
            return pages.redirect(returnTo).cookie(sessions.start(response.getAuthentication().get()));
        }
        if (response.getMessage().filter(CognitoMembers.NO_ROLE::equals).isPresent()) {
            LOG.warn("signed in without a console role", Map.of());
            return pages.error(request, 403, "error_noRole").cookie(sessions.clear());
        }
        return failed(request, response.getMessage().orElse("refused"));
    }

    private MutableHttpResponse<?> failed(HttpRequest<?> request, String why) {
        LOG.warn("sign-in failed", Map.of("reason", why));
        return pages.error(request, 400, "error_signIn");
    }

    /**
     * Clears the session cookie and shows the signed-out page. The redirect stays on the console (the page's CSP
     * allows forms to post to 'self' only, and Chromium applies form-action to redirects); the signed-out page links
     * to the issuer's logout (Cognito /logout) to end the hosted-UI session too. Needs a session and its CSRF token
     * (CsrfFilter), as every POST.
     */
    @Post("/sign-out")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public MutableHttpResponse<?> signOut() {
        return pages.redirect("/console/signed-out").cookie(sessions.clear());
    }

    @Get("/signed-out")
    public MutableHttpResponse<?> signedOut(HttpRequest<?> request) {
        String lang = pages.language(request);
        Map<String, String> t = pages.messages().of(lang);
        Map<String, Object> scope = new HashMap<>();
        scope.put("t", t);
        scope.put("lang", lang);
        scope.put("pageTitle", t.get("signedOut_title"));
        settings.logout().ifPresent(logout -> scope.put("issuerLogoutUrl", logout + "?client_id="
                + enc(settings.clientId()) + "&logout_uri=" + enc(settings.publicBaseUrl() + "/console/signed-out")));
        return pages.page(request, 200, "signed-out", scope).cookie(sessions.clear());
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
