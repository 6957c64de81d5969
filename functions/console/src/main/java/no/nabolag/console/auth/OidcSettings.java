package no.nabolag.console.auth;

import java.net.URI;
import no.nabolag.core.config.Settings;

/**
 * Where the console signs people in: an OpenID Connect issuer (in AWS the Cognito user pool and its hosted UI,
 * locally the stack's small issuer under /_local/oidc). The callback URL is built from PUBLIC_BASE_URL, never from
 * the Host header.
 *
 * @param logoutUrl optional (CONSOLE_LOGOUT_URL): Cognito's /logout, to end the hosted-UI session too
 */
public record OidcSettings(String issuer, String clientId, URI authorizeUrl, URI tokenUrl, URI jwksUrl, URI logoutUrl,
                           String publicBaseUrl) {
    public static final String CALLBACK_PATH = "/console/callback";

    public static OidcSettings from(Settings settings) {
        String base = settings.require("PUBLIC_BASE_URL");
        return new OidcSettings(settings.require("CONSOLE_ISSUER"), settings.require("CONSOLE_CLIENT_ID"),
                URI.create(settings.require("CONSOLE_AUTHORIZE_URL")), URI.create(settings.require("CONSOLE_TOKEN_URL")),
                URI.create(settings.require("CONSOLE_JWKS_URL")),
                settings.find("CONSOLE_LOGOUT_URL").map(URI::create).orElse(null),
                base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
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
}
