package no.nabolag.console.security;

import io.micronaut.context.BeanContext;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.util.SupplierUtil;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.http.client.HttpClientRegistry;
import io.micronaut.security.token.jwt.signature.jwks.HttpClientJwksClient;
import io.micronaut.security.token.jwt.signature.jwks.JwksClient;
import jakarta.inject.Singleton;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;

/**
 * Micronaut Security's own JWKS client ({@link HttpClientJwksClient}: the Micronaut HTTP client with the console's
 * timeouts), created when the issuer's keys are first needed instead of with the security filter. The filter is built
 * on every cold start, and with it the JWKS client's HTTP client registry, a JSON mapper and TLS setup; yet only
 * identity-provider tokens (the sign-in callback's ID token, the figures route's bearer tokens) need the issuer's keys.
 * Session cookies are checked against the console's own key (SessionSignature), without the network.
 */
@Singleton
@Replaces(HttpClientJwksClient.class)
public final class OnDemandJwksClient implements JwksClient {
    private final Supplier<JwksClient> client;

    OnDemandJwksClient(BeanContext beanContext, BeanProvider<HttpClientRegistry<HttpClient>> registry,
                       BeanProvider<HttpClientConfiguration> configuration) {
        this.client = SupplierUtil.memoized(() -> new HttpClientJwksClient(beanContext, registry.get(), configuration.get()));
    }

    @Override
    public Publisher<String> load(String providerName, String url) {
        return client.get().load(providerName, url);
    }
}
