package no.nabolag.console.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Validates the issuer's tokens with Nimbus JOSE+JWT: RS256 signature against the issuer's JWKS (fetched and
 * cached by Nimbus, refetched on an unknown key id), issuer, audience (ID token) or client_id (access token),
 * token_use, expiry and not-before (60 s clock skew). Roles come from the {@code cognito:groups} claim.
 */
public final class TokenVerifier {
    public static final String GROUPS_CLAIM = "cognito:groups";

    private final DefaultJWTProcessor<SecurityContext> idTokens = new DefaultJWTProcessor<>();
    private final DefaultJWTProcessor<SecurityContext> accessTokens = new DefaultJWTProcessor<>();

    public TokenVerifier(String issuer, String clientId, JWKSource<SecurityContext> keys) {
        var keySelector = new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys);
        idTokens.setJWSKeySelector(keySelector);
        idTokens.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(clientId,
                new JWTClaimsSet.Builder().issuer(issuer).claim("token_use", "id").build(),
                Set.of("sub", "exp", "iat")));
        accessTokens.setJWSKeySelector(keySelector);
        accessTokens.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer).claim("token_use", "access").claim("client_id", clientId).build(),
                Set.of("sub", "exp", "iat")));
    }

    /** The JWKS comes from the configured URL (CONSOLE_JWKS_URL), cached per container. */
    public static TokenVerifier from(OidcSettings settings) {
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(settings.jwksUrl().toURL()).retrying(true).build();
            return new TokenVerifier(settings.issuer(), settings.clientId(), keys);
        } catch (MalformedURLException e) {
            throw new IllegalStateException("CONSOLE_JWKS_URL is not a URL", e);
        }
    }

    /** A valid ID token carrying the expected nonce, as the member it names; empty for anything else. */
    public Optional<Member> verifyIdToken(String token, String expectedNonce) {
        return process(idTokens, token)
                .filter(claims -> Objects.equals(stringClaim(claims, "nonce"), expectedNonce))
                .map(TokenVerifier::member);
    }

    /** A valid access token of this client (the Authorization: Bearer of the console's JSON routes). */
    public Optional<Member> verifyAccessToken(String token) {
        return process(accessTokens, token).map(TokenVerifier::member);
    }

    private static Optional<JWTClaimsSet> process(DefaultJWTProcessor<SecurityContext> processor, String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(processor.process(token, null));
        } catch (ParseException | BadJOSEException | com.nimbusds.jose.JOSEException e) {
            return Optional.empty();
        }
    }

    private static Member member(JWTClaimsSet claims) {
        String name = firstNonBlank(stringClaim(claims, "name"), stringClaim(claims, "email"),
                stringClaim(claims, "cognito:username"), claims.getSubject());
        List<String> groups;
        try {
            groups = claims.getStringListClaim(GROUPS_CLAIM);
        } catch (ParseException e) {
            groups = List.of();
        }
        return Member.fromGroups(claims.getSubject(), name, groups);
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? s : null;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }
}
