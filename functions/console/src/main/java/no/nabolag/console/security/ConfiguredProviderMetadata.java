package no.nabolag.console.security;

import io.micronaut.context.annotation.EachBean;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.oauth2.client.DefaultOpenIdProviderMetadata;
import io.micronaut.security.oauth2.client.OpenIdProviderMetadataFetcher;
import io.micronaut.security.oauth2.client.OpenIdProviderMetadataFetcherFactory;
import io.micronaut.security.oauth2.configuration.OpenIdClientConfiguration;

/**
 * The identity provider's metadata without an HTTP client. The console configures every endpoint of its OpenID
 * client and no issuer (ConsoleSettings), so Micronaut's fetcher never fetches a discovery document; but the provider
 * metadata is a bean Micronaut Security creates at start, and the default fetcher would bring the JDK HTTP client,
 * its TLS context and a Jackson mapper with it on every cold start, for calls that only signing in makes (the token
 * exchange, the issuer's keys). Here the metadata is the configured endpoints alone (Micronaut adds them to it), and
 * the HTTP client is built when a sign-in first needs it.
 */
@EachBean(OpenIdClientConfiguration.class)
@Replaces(bean = OpenIdProviderMetadataFetcher.class, factory = OpenIdProviderMetadataFetcherFactory.class)
public final class ConfiguredProviderMetadata implements OpenIdProviderMetadataFetcher {
    private final OpenIdClientConfiguration client;

    ConfiguredProviderMetadata(@Parameter OpenIdClientConfiguration client) {
        this.client = client;
    }

    @Override
    public String getName() {
        return client.getName();
    }

    @Override
    public DefaultOpenIdProviderMetadata fetch() {
        if (client.getIssuer().isPresent()) {
            // A discovery document would be fetched at start: the console's settings never configure one.
            throw new IllegalStateException("The console's OpenID client configures its endpoints, not an issuer");
        }
        return new DefaultOpenIdProviderMetadata(client.getName());
    }
}
