package no.nabolag.console.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.function.aws.proxy.security.MicronautLambdaAuthenticationFetcher;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Switches off micronaut-function-aws-api-proxy's {@code MicronautLambdaAuthenticationFetcher}, which would sign in
 * anyone who sends an {@code x-amzn-oidc-identity} header (an Application Load Balancer header that API Gateway
 * passes through from the client unchanged) and would accept API Gateway authorizer claims without the console's
 * token rules. Identity comes only from tokens the console validates itself (ConsoleTokenReader, TokenRules).
 */
@Singleton
@Replaces(MicronautLambdaAuthenticationFetcher.class)
public final class NoIdentityFromHeaders implements AuthenticationFetcher<HttpRequest<?>> {
    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        return Publishers.empty();
    }
}
