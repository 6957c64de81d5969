package no.nabolag.console;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import no.nabolag.core.config.Settings;

/**
 * Where the console signs people in and where it lives: an OpenID Connect issuer (in AWS the Cognito user pool and
 * its hosted UI, locally the stack's issuer under /_local/oidc) and the public base URL. The callback URL, the
 * cookies' Secure flag and the origin that POSTs must come from are built from PUBLIC_BASE_URL, never from the Host
 * header. An empty PUBLIC_BASE_URL (the first deploy) leaves the console "not configured" instead of failing.
 *
 * @param logoutUrl optional (CONSOLE_LOGOUT_URL): Cognito's /logout, to end the hosted-UI session too
 */
public record ConsoleSettings(String publicBaseUrl, String issuer, String clientId, String authorizeUrl, String tokenUrl,
                              String jwksUrl, String logoutUrl) {
    public static final String CALLBACK_PATH = "/console/callback";
    public static final String SIGN_IN_PATH = "/console/sign-in";
    /** The name of the OpenID client in Micronaut Security's configuration. */
    public static final String PROVIDER = "cognito";
    /** The issuer ({@code iss}) of the console's own session tokens: never the identity provider's. */
    public static final String SESSION_ISSUER = "nabolag-console";
    public static final String SESSION_COOKIE = "nabolag_console";
    public static final int SESSION_HOURS = 8;

    public static ConsoleSettings from(Settings settings) {
        String base = settings.find("PUBLIC_BASE_URL").orElse("");
        return new ConsoleSettings(base.endsWith("/") ? base.substring(0, base.length() - 1) : base,
                settings.require("CONSOLE_ISSUER"), settings.require("CONSOLE_CLIENT_ID"),
                settings.require("CONSOLE_AUTHORIZE_URL"), settings.require("CONSOLE_TOKEN_URL"),
                settings.require("CONSOLE_JWKS_URL"), settings.find("CONSOLE_LOGOUT_URL").orElse(null));
    }

    /** Whether PublicBaseUrl is set: without it there is no callback URL to sign in with. */
    public boolean configured() {
        return !publicBaseUrl.isBlank();
    }

    public String redirectUri() {
        return publicBaseUrl + CALLBACK_PATH;
    }

    /** Cookies are Secure everywhere except on a plain-http loopback base URL (the local stack). */
    public boolean secureCookies() {
        URI uri = URI.create(publicBaseUrl);
        boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
        return !("http".equals(uri.getScheme()) && loopback);
    }

    /** The console's own origin (scheme, host, port), for the Origin check on POSTs. */
    public String origin() {
        URI uri = URI.create(publicBaseUrl);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    public Optional<String> logout() {
        return Optional.ofNullable(logoutUrl);
    }

    /**
     * Micronaut's configuration, all of it here (no application.yml to find on the class path): Security with the
     * OpenID client, the JWT session cookie, the views' Content-Security-Policy. Every endpoint of the identity
     * provider is configured, so nothing is discovered over the network at start.
     */
    public Map<String, Object> micronautProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("micronaut.application.name", SESSION_ISSUER);
        p.put("micronaut.banner.enabled", false);
        p.put("nabolag.console.configured", configured());
        // Content-Security-Policy from micronaut-views: no inline script or style anywhere.
        p.put("micronaut.views.csp.enabled", true);
        p.put("micronaut.views.csp.policy-directives", "default-src 'none'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        p.put("micronaut.views.csp.filter-path", "/console/**");
        // Micronaut refuses any non-loopback Origin (also "null") when the host is loopback, as the local stack's
        // is; the console's own CsrfFilter decides about origins, the same way locally as in AWS.
        p.put("micronaut.server.cors.localhost-pass-through", true);
        p.put("micronaut.security.oauth2.protected-resource-metadata.enabled", false);
        if (!configured()) {
            // No callback URL, no sign-in: every route answers the "not configured" page (NotConfiguredFilter).
            p.put("micronaut.security.enabled", false);
            p.put("micronaut.security.oauth2.enabled", false);
            p.put("micronaut.security.token.enabled", false);
            return p;
        }
        // Sessions: a signed JWT (SessionSignature, the deployment's keys) in the cookie ConsoleTokenReader reads;
        // roles are the identity provider's groups. (The issuer's JWKS signature comes with the OpenID client below.)
        p.put("micronaut.security.token.roles-name", "cognito:groups");
        p.put("micronaut.security.token.generator.access-token.expiration", SESSION_HOURS * 3600);
        p.put("micronaut.security.token.bearer.enabled", false);
        // No built-in endpoints: the console's own controllers are the only routes (template.yaml routes them).
        p.put("micronaut.security.endpoints.login.enabled", false);
        p.put("micronaut.security.endpoints.logout.enabled", false);
        p.put("micronaut.security.endpoints.keys.enabled", false);
        p.put("micronaut.security.endpoints.oauth.enabled", false);
        p.put("micronaut.security.endpoints.introspection.enabled", false);
        p.put("micronaut.security.redirect.enabled", false);
        // The OpenID client: authorisation code with PKCE (S256), a public client (no secret), state and nonce.
        p.put("micronaut.security.oauth2.login-uri", SIGN_IN_PATH);
        p.put("micronaut.security.oauth2.callback-uri", CALLBACK_PATH);
        String client = "micronaut.security.oauth2.clients." + PROVIDER;
        p.put(client + ".client-id", clientId);
        p.put(client + ".scopes", "openid,profile,email");
        p.put(client + ".openid.authorization.url", authorizeUrl);
        p.put(client + ".openid.authorization.code-challenge-method", "S256");
        p.put(client + ".openid.token.url", tokenUrl);
        p.put(client + ".openid.token.auth-method", "none");
        p.put(client + ".openid.jwks-uri", jwksUrl);
        p.put(client + ".openid.end-session.enabled", false);
        p.put("micronaut.security.oauth2.pkce.enabled", true);
        // No issuer is configured (that would fetch the discovery document at start): TokenRules checks iss.
        p.put("micronaut.security.oauth2.openid.claims-validation.issuer", false);
        p.put("micronaut.http.client.connect-timeout", "5s");
        p.put("micronaut.http.client.read-timeout", "10s");
        return p;
    }
}
