package no.nabolag.console.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.authorization.state.StateSerDes;
import io.micronaut.security.oauth2.endpoint.authorization.state.persistence.StatePersistence;
import io.micronaut.security.oauth2.endpoint.authorization.state.persistence.cookie.CookieStatePersistence;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Micronaut Security's OAuth state, kept in the one signed sign-in cookie ({@link LoginAttempts}). */
@Singleton
@Replaces(CookieStatePersistence.class)
@Requires(property = "nabolag.console.configured", value = "true")
public final class LoginStatePersistence implements StatePersistence {
    private final LoginAttempts attempts;
    private final StateSerDes serdes;

    public LoginStatePersistence(LoginAttempts attempts, StateSerDes serdes) {
        this.attempts = attempts;
        this.serdes = serdes;
    }

    @Override
    public Optional<State> retrieveState(HttpRequest<?> request) {
        return attempts.read(request).flatMap(LoginAttempts.Attempt::state).map(serdes::deserialize);
    }

    @Override
    public void persistState(HttpRequest<?> request, MutableHttpResponse response, State state) {
        attempts.writing(response).state = serdes.serialize(state);
    }
}
