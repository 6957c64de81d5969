package no.nabolag.console.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.oauth2.endpoint.authorization.request.AuthorizationRequest;
import io.micronaut.security.oauth2.endpoint.authorization.request.DefaultAuthorizationRedirectHandler;
import jakarta.inject.Singleton;

/** The redirect to the issuer as 303 See Other, like every other redirect of the console (a GET follows it). */
@Singleton
@Replaces(DefaultAuthorizationRedirectHandler.class)
public class SeeOtherAuthorizationRedirect extends DefaultAuthorizationRedirectHandler {
    @Override
    public MutableHttpResponse redirect(AuthorizationRequest authorizationRequest, String authorizationEndpoint) {
        return super.redirect(authorizationRequest, authorizationEndpoint).status(HttpStatus.SEE_OTHER);
    }
}
