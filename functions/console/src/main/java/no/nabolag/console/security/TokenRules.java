package no.nabolag.console.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Objects;
import no.nabolag.console.ConsoleSettings;

/**
 * Which token is valid where, on top of Micronaut's signature and expiry checks. Three kinds of JWT reach the
 * console and each is accepted in one place only:
 * <ul>
 *   <li>the console's session ({@code iss} nabolag-console, {@code token_use} session, HS256 with our keys): pages;</li>
 *   <li>the issuer's access token ({@code token_use} access, {@code client_id} the console's app client): the JSON
 *       routes under /console/api;</li>
 *   <li>the issuer's ID token ({@code token_use} id): only while the sign-in callback validates it (audience and
 *       nonce are checked there by Micronaut's OpenID validators).</li>
 * </ul>
 * So an ID token is no bearer token, an access token no session, and a session cookie no API credential.
 */
@Singleton
@Requires(property = "nabolag.console.configured", value = "true")
public final class TokenRules implements GenericJwtClaimsValidator<HttpRequest<?>> {
    public static final String TOKEN_USE = "token_use";
    public static final String SESSION = "session";
    private final ConsoleSettings settings;

    public TokenRules(ConsoleSettings settings) {
        this.settings = settings;
    }

    @Override
    public boolean validate(Claims claims, HttpRequest<?> request) {
        Object issuer = claims.get(Claims.ISSUER);
        Object use = claims.get(TOKEN_USE);
        boolean api = request != null && ConsoleTokenReader.isApi(request);
        if (ConsoleSettings.SESSION_ISSUER.equals(issuer)) {
            return SESSION.equals(use) && !api;
        }
        if (!settings.issuer().equals(issuer)) {
            return false;
        }
        if ("access".equals(use)) {
            return api && settings.clientId().equals(claims.get("client_id"));
        }
        if ("id".equals(use)) {
            // Validated with the callback request as context (or none, in Micronaut's second claims pass).
            return request == null || ConsoleSettings.CALLBACK_PATH.equals(request.getPath())
                    && audience(claims.get(Claims.AUDIENCE));
        }
        return false;
    }

    private boolean audience(Object audience) {
        if (audience instanceof Collection<?> values) {
            return values.contains(settings.clientId());
        }
        return Objects.equals(audience, settings.clientId());
    }
}
