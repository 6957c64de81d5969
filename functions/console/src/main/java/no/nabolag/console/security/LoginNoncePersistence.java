package no.nabolag.console.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.oauth2.endpoint.nonce.persistence.NoncePersistence;
import io.micronaut.security.oauth2.endpoint.nonce.persistence.cookie.CookieNoncePersistence;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The OpenID nonce, kept in the one signed sign-in cookie ({@link LoginAttempts}). */
@Singleton
@Replaces(CookieNoncePersistence.class)
@Requires(property = "nabolag.console.configured", value = "true")
public final class LoginNoncePersistence implements NoncePersistence {
    private final LoginAttempts attempts;

    public LoginNoncePersistence(LoginAttempts attempts) {
        this.attempts = attempts;
    }

    @Override
    public Optional<String> retrieveNonce(HttpRequest<?> request) {
        return attempts.read(request).flatMap(LoginAttempts.Attempt::nonce);
    }

    @Override
    public void persistNonce(HttpRequest<?> request, MutableHttpResponse response, String nonce) {
        attempts.writing(response).nonce = nonce;
    }
}
