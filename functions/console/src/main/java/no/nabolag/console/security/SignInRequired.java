package no.nabolag.console.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import no.nabolag.console.ConsoleSettings;
import no.nabolag.console.web.Pages;

/**
 * What Micronaut Security's refusal looks like in the console: a page (GET) without a valid session is sent to sign
 * in and comes back afterwards; a form post without one gets a "signed out" page (401), never a redirect that would
 * lose the form; a JSON route without a valid bearer token gets 401 with {@code WWW-Authenticate: Bearer}; a
 * signed-in member refused by a rule gets 403.
 */
@Singleton
@Produces
@Replaces(DefaultAuthorizationExceptionHandler.class)
@Requires(property = "nabolag.console.configured", value = "true")
public final class SignInRequired implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {
    private final Pages pages;

    public SignInRequired(Pages pages) {
        this.pages = pages;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (ConsoleTokenReader.isApi(request)) {
            HttpStatus status = exception.isForbidden() ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED;
            return HttpResponse.status(status).header("WWW-Authenticate", "Bearer")
                    .contentType(MediaType.of("application/problem+json"))
                    .body("{\"type\":\"about:blank\",\"title\":\"" + status.getReason() + "\",\"status\":"
                            + status.getCode() + ",\"detail\":\"A valid bearer access token is required\"}");
        }
        if (exception.isForbidden()) {
            return pages.error(request, 403, "error_403");
        }
        if (request.getMethod() == HttpMethod.GET) {
            return pages.redirect(ConsoleSettings.SIGN_IN_PATH + "?returnTo="
                    + URLEncoder.encode(request.getPath(), StandardCharsets.UTF_8));
        }
        return pages.error(request, 401, "error_signedOut");
    }
}
