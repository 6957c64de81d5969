package no.nabolag.console.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.micronaut.security.token.render.AccessRefreshToken;
import jakarta.inject.Singleton;
import java.time.Duration;
import no.nabolag.console.ConsoleSettings;

/**
 * The session cookie: a JWT that Micronaut Security generates from the member's authentication (sub, roles, name,
 * CSRF token, 8-hour expiry) and signs with {@link SessionSignature}, in the {@code nabolag_console} cookie
 * (HttpOnly, SameSite=Lax, Path=/console, Secure except on a loopback http base URL). Sessions are stateless:
 * sign-out clears the cookie in the browser, and every session ends at its expiry.
 */
@Singleton
@Requires(property = "nabolag.console.configured", value = "true")
public final class SessionCookies {
    public static final Duration LIFETIME = Duration.ofHours(ConsoleSettings.SESSION_HOURS);
    private final AccessRefreshTokenGenerator tokens;
    private final LoginAttempts attempts;

    public SessionCookies(AccessRefreshTokenGenerator tokens, LoginAttempts attempts) {
        this.tokens = tokens;
        this.attempts = attempts;
    }

    public Cookie start(Authentication authentication) {
        String jwt = tokens.generate(authentication).map(AccessRefreshToken::getAccessToken)
                .orElseThrow(() -> new IllegalStateException("No session token generated"));
        return attempts.cookie(jwt, LIFETIME);
    }

    /** Removes the cookie (sign-out, or a sign-in refused). */
    public Cookie clear() {
        return attempts.cookie("", Duration.ZERO);
    }
}
