package no.nabolag.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import no.nabolag.console.auth.LoginAttempt;
import no.nabolag.console.auth.Member;
import no.nabolag.console.auth.OidcSettings;
import no.nabolag.console.auth.Pkce;
import no.nabolag.console.auth.Session;
import no.nabolag.console.auth.SessionCookie;
import no.nabolag.console.auth.TokenEndpoint;
import no.nabolag.console.auth.TokenVerifier;
import no.nabolag.console.web.Gate;
import no.nabolag.console.web.Html;
import no.nabolag.console.web.Messages;
import no.nabolag.console.web.Templates;
import no.nabolag.core.log.JsonLog;
import no.nabolag.lambda.http.web.HttpRequest;
import no.nabolag.lambda.http.web.HttpResponse;
import no.nabolag.lambda.http.web.Router;

/**
 * Sign-in with OAuth 2.0 authorisation code + PKCE (S256) against the configured issuer, sign-out, and the
 * signed-out page. The callback checks the state against the sign-in cookie, exchanges the code with the verifier,
 * validates the ID token (signature, issuer, audience, expiry, nonce) and starts an 8-hour session.
 */
final class SignInRoutes {
    private static final JsonLog LOG = JsonLog.forClass(SignInRoutes.class);

    private final OidcSettings oidc;
    private final TokenVerifier verifier;
    private final TokenEndpoint tokenEndpoint;
    private final SessionCookie cookies;
    private final Gate gate;
    private final Messages messages;
    private final Templates templates;
    private final Clock clock;

    SignInRoutes(OidcSettings oidc, TokenVerifier verifier, TokenEndpoint tokenEndpoint, SessionCookie cookies, Gate gate,
                 Messages messages, Templates templates, Clock clock) {
        this.oidc = oidc;
        this.verifier = verifier;
        this.tokenEndpoint = tokenEndpoint;
        this.cookies = cookies;
        this.gate = gate;
        this.messages = messages;
        this.templates = templates;
        this.clock = clock;
    }

    void register(Router router) {
        router.route("GET /console/sign-in", this::signIn)
                .route("GET /console/callback", this::callback)
                .route("POST /console/sign-out", gate.action(context -> signOut()))
                .route("GET /console/signed-out", this::signedOut);
    }

    private HttpResponse signIn(HttpRequest request) {
        String verifierValue = Pkce.randomToken();
        LoginAttempt login = new LoginAttempt(Pkce.randomToken(), Pkce.randomToken(), verifierValue,
                safeReturnTo(request.queryParameter("returnTo").orElse("/console")),
                clock.instant().plus(SessionCookie.LOGIN_LIFETIME));
        String location = oidc.authorizeUrl() + "?response_type=code"
                + "&client_id=" + enc(oidc.clientId())
                + "&redirect_uri=" + enc(oidc.redirectUri())
                + "&scope=" + enc("openid profile email")
                + "&state=" + enc(login.state())
                + "&nonce=" + enc(login.nonce())
                + "&code_challenge=" + enc(Pkce.challengeS256(verifierValue))
                + "&code_challenge_method=S256";
        return Html.redirect(location)
                .withHeader("set-cookie", cookies.setCookie(cookies.encodeLogin(login), SessionCookie.LOGIN_LIFETIME));
    }

    private HttpResponse callback(HttpRequest request) {
        String lang = gate.language(request);
        Instant now = clock.instant();
        Optional<LoginAttempt> login = cookies.login(request.header("cookie"), now);
        String state = request.queryParameter("state").orElse("");
        if (login.isEmpty() || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                login.get().state().getBytes(StandardCharsets.UTF_8))) {
            LOG.warn("sign-in callback without a matching sign-in attempt", Map.of());
            return gate.error(lang, 400, "error_signIn", null);
        }
        if (request.queryParameter("error").isPresent() || request.queryParameter("code").isEmpty()) {
            return gate.error(lang, 400, "error_signIn", null);
        }
        Optional<Member> member = tokenEndpoint.exchange(request.queryParameter("code").get(), login.get().codeVerifier())
                .flatMap(tokens -> verifier.verifyIdToken(tokens.idToken(), login.get().nonce()));
        if (member.isEmpty()) {
            LOG.warn("sign-in failed: code exchange or ID token validation", Map.of());
            return gate.error(lang, 400, "error_signIn", null);
        }
        if (!member.get().hasAnyRole()) {
            LOG.warn("signed in without a console role", Map.of());
            return gate.error(lang, 403, "error_noRole", null).withHeader("set-cookie", cookies.clearCookie());
        }
        Session session = new Session(member.get(), Pkce.randomToken(), now, now.plus(SessionCookie.SESSION_LIFETIME));
        LOG.info("signed in", Map.of("admin", member.get().adminTenants().size(),
                "editor", member.get().editorDistricts().size()));
        return Html.redirect(login.get().returnTo())
                .withHeader("set-cookie", cookies.setCookie(cookies.encodeSession(session), SessionCookie.SESSION_LIFETIME));
    }

    /**
     * Clears the session cookie and shows the signed-out page. The redirect stays on the console (the page's CSP
     * allows forms to post to 'self' only, and Chromium applies form-action to redirects); the signed-out page links
     * to the issuer's logout (Cognito /logout) to end the hosted-UI session too.
     */
    private HttpResponse signOut() {
        return Html.redirect("/console/signed-out").withHeader("set-cookie", cookies.clearCookie());
    }

    private HttpResponse signedOut(HttpRequest request) {
        String lang = gate.language(request);
        Map<String, Object> scope = new HashMap<>();
        Map<String, String> t = messages.of(lang);
        scope.put("t", t);
        scope.put("lang", lang);
        scope.put("pageTitle", t.get("signedOut_title"));
        if (oidc.logoutUrl() != null) {
            scope.put("issuerLogoutUrl", oidc.logoutUrl() + "?client_id=" + enc(oidc.clientId()) + "&logout_uri="
                    + enc(oidc.publicBaseUrl() + "/console/signed-out"));
        }
        return Html.page(200, templates.render("signed-out", scope)).withHeader("set-cookie", cookies.clearCookie());
    }

    /** Only console paths: never an absolute or protocol-relative URL (no open redirect). */
    static String safeReturnTo(String returnTo) {
        if (returnTo == null || !returnTo.startsWith("/console") || returnTo.startsWith("//")
                || returnTo.contains("\\") || returnTo.contains("://") || returnTo.startsWith("/console/sign-in")
                || returnTo.startsWith("/console/callback")) {
            return "/console";
        }
        return returnTo;
    }

    static Duration sessionLifetime() {
        return SessionCookie.SESSION_LIFETIME;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
