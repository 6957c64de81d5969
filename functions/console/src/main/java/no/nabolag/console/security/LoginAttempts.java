package no.nabolag.console.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import no.nabolag.console.ConsoleSettings;

/**
 * A sign-in in progress, between the redirect to the issuer and the callback: Micronaut Security's state, the
 * OpenID nonce and the PKCE code verifier, plus the console page to return to. Micronaut persists each of the three
 * through its own interface (see {@link LoginStatePersistence} and its siblings); they are collected here and leave
 * as <em>one</em> cookie, {@code nabolag_console}, signed like the session (HS256, purpose "login") and valid for
 * ten minutes. The callback then replaces it with the session. One cookie keeps the sign-in independent of how
 * many cookies a browser or client carries back, and the signature keeps the verifier and state untampered.
 */
@Singleton
@Requires(property = "nabolag.console.configured", value = "true")
public final class LoginAttempts {
    public static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final String ATTRIBUTE = "nabolag.console.login";
    private static final String USE = "login";

    /** The parts of one sign-in attempt. */
    public static final class Attempt {
        String state;
        String nonce;
        String codeVerifier;
        String returnTo = "/console";

        public Optional<String> state() {
            return Optional.ofNullable(state);
        }

        public Optional<String> nonce() {
            return Optional.ofNullable(nonce);
        }

        public Optional<String> codeVerifier() {
            return Optional.ofNullable(codeVerifier);
        }

        public String returnTo() {
            return returnTo;
        }
    }

    private final SessionSignature signature;
    private final ConsoleSettings settings;
    private final Clock clock;

    public LoginAttempts(SessionSignature signature, ConsoleSettings settings, Clock clock) {
        this.signature = signature;
        this.settings = settings;
        this.clock = clock;
    }

    /** The attempt being written on this (sign-in) response. */
    Attempt writing(MutableHttpResponse<?> response) {
        Optional<Attempt> existing = response.getAttribute(ATTRIBUTE, Attempt.class);
        if (existing.isPresent()) {
            return existing.get();
        }
        Attempt attempt = new Attempt();
        response.setAttribute(ATTRIBUTE, attempt);
        return attempt;
    }

    /** Adds the one login cookie for everything persisted on this response, and the page to return to. */
    public void finish(MutableHttpResponse<?> response, String returnTo) {
        Attempt attempt = writing(response);
        attempt.returnTo = returnTo;
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ConsoleSettings.SESSION_ISSUER)
                .claim(TokenRules.TOKEN_USE, USE).claim("state", attempt.state).claim("nonce", attempt.nonce)
                .claim("verifier", attempt.codeVerifier).claim("returnTo", attempt.returnTo)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME))).build();
        try {
            response.cookie(cookie(signature.sign(claims).serialize(), LIFETIME));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign the sign-in attempt", e);
        }
    }

    /** The attempt in the request's cookie, if it is ours, untampered and not older than ten minutes. */
    public Optional<Attempt> read(HttpRequest<?> request) {
        Optional<Attempt> cached = request.getAttribute(ATTRIBUTE, Attempt.class);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<Attempt> attempt = request.getCookies().findCookie(ConsoleSettings.SESSION_COOKIE)
                .map(Cookie::getValue).flatMap(this::parse);
        attempt.ifPresent(a -> request.setAttribute(ATTRIBUTE, a));
        return attempt;
    }

    private Optional<Attempt> parse(String value) {
        try {
            SignedJWT jwt = SignedJWT.parse(value);
            if (!signature.verify(jwt)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            if (!ConsoleSettings.SESSION_ISSUER.equals(claims.getIssuer()) || !USE.equals(claims.getClaim(TokenRules.TOKEN_USE))
                    || expires == null || !clock.instant().isBefore(expires.toInstant())) {
                return Optional.empty();
            }
            Attempt attempt = new Attempt();
            attempt.state = claims.getStringClaim("state");
            attempt.nonce = claims.getStringClaim("nonce");
            attempt.codeVerifier = claims.getStringClaim("verifier");
            attempt.returnTo = safeReturnTo(claims.getStringClaim("returnTo"));
            return Optional.of(attempt);
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    /** The console's cookie with the session's flags (HttpOnly, SameSite=Lax, Path=/console, Secure but locally). */
    public Cookie cookie(String value, Duration maxAge) {
        return Cookie.of(ConsoleSettings.SESSION_COOKIE, value).path("/console").httpOnly(true)
                .sameSite(SameSite.Lax).secure(settings.secureCookies()).maxAge(maxAge);
    }

    /** Only console paths: never an absolute or protocol-relative URL (no open redirect). */
    public static String safeReturnTo(String returnTo) {
        if (returnTo == null || !returnTo.startsWith("/console") || returnTo.startsWith("//")
                || returnTo.contains("\\") || returnTo.contains("://") || returnTo.startsWith(ConsoleSettings.SIGN_IN_PATH)
                || returnTo.startsWith(ConsoleSettings.CALLBACK_PATH)) {
            return "/console";
        }
        return returnTo;
    }
}
