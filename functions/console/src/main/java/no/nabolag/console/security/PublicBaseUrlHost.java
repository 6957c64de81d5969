package no.nabolag.console.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.DefaultHttpHostResolver;
import io.micronaut.http.server.util.HttpHostResolver;
import jakarta.inject.Singleton;
import no.nabolag.console.ConsoleSettings;

/**
 * The console's own URL is PUBLIC_BASE_URL, whatever Host header a request carries: Micronaut Security builds the
 * OAuth redirect_uri from this, so a forged Host can never send a sign-in code elsewhere.
 */
@Singleton
@Replaces(DefaultHttpHostResolver.class)
@Requires(property = "nabolag.console.configured", value = "true")
public final class PublicBaseUrlHost implements HttpHostResolver {
    private final ConsoleSettings settings;

    public PublicBaseUrlHost(ConsoleSettings settings) {
        this.settings = settings;
    }

    @Override
    public String resolve(HttpRequest request) {
        return settings.publicBaseUrl();
    }
}
