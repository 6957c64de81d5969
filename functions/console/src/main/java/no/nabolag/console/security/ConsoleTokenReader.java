package no.nabolag.console.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;
import java.util.Optional;
import no.nabolag.console.ConsoleSettings;

/**
 * Where a request's token is: the JSON routes under /console/api take a bearer access token (the header API Gateway's
 * JWT authorizer reads), every other route the session cookie. Never both, so a cookie cannot stand in for a bearer
 * token or the other way round ({@link TokenRules} checks the same again on the claims).
 */
@Singleton
@Requires(property = "nabolag.console.configured", value = "true")
public final class ConsoleTokenReader implements TokenReader<HttpRequest<?>> {
    public static final String API_PREFIX = "/console/api/";

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        if (isApi(request)) {
            String header = request.getHeaders().get("Authorization");
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
                return Optional.of(header.substring(7).trim());
            }
            return Optional.empty();
        }
        return request.getCookies().findCookie(ConsoleSettings.SESSION_COOKIE).map(Cookie::getValue)
                .filter(value -> !value.isEmpty());
    }

    static boolean isApi(HttpRequest<?> request) {
        return request.getPath().startsWith(API_PREFIX);
    }

    @Override
    public int getOrder() {
        return 0;
    }
}
