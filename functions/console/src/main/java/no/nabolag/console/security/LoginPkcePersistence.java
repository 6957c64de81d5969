package no.nabolag.console.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.oauth2.endpoint.authorization.pkce.Pkce;
import io.micronaut.security.oauth2.endpoint.authorization.pkce.persistence.PkcePersistence;
import io.micronaut.security.oauth2.endpoint.authorization.pkce.persistence.cookie.CookiePkcePersistence;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The PKCE code verifier, kept in the one signed sign-in cookie ({@link LoginAttempts}). */
@Singleton
@Replaces(CookiePkcePersistence.class)
@Requires(property = "nabolag.console.configured", value = "true")
public final class LoginPkcePersistence implements PkcePersistence {
    private final LoginAttempts attempts;

    public LoginPkcePersistence(LoginAttempts attempts) {
        this.attempts = attempts;
    }

    @Override
    public Optional<String> retrieveCodeVerifier(HttpRequest<?> request) {
        return attempts.read(request).flatMap(LoginAttempts.Attempt::codeVerifier);
    }

    @Override
    public void persistPkce(HttpRequest<?> request, MutableHttpResponse<?> response, Pkce pkce) {
        attempts.writing(response).codeVerifier = pkce.getCodeVerifier();
    }
}
