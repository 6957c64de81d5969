package no.nabolag.console;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import no.nabolag.console.auth.OidcSettings;
import no.nabolag.console.auth.TokenVerifier;

/** A throw-away RS256 issuer for unit tests: signs tokens and verifies them through the console's own verifier. */
public final class TestIssuer {
    public static final String ISSUER = "https://issuer.example.invalid/pool";
    public static final String CLIENT = "console-client";
    final RSAKey key;

    public TestIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static OidcSettings settings() {
        return new OidcSettings(ISSUER, CLIENT, URI.create("https://issuer.example.invalid/authorize"),
                URI.create("https://issuer.example.invalid/token"), URI.create("https://issuer.example.invalid/jwks"),
                null, "http://127.0.0.1:9999");
    }

    public TokenVerifier verifier() {
        return new TokenVerifier(ISSUER, CLIENT, new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())));
    }

    public String idToken(String nonce, List<String> groups) {
        return idToken(nonce, groups, b -> b);
    }

    public String idToken(String nonce, List<String> groups, UnaryOperator<JWTClaimsSet.Builder> tweak) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("user-1").audience(CLIENT)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("token_use", "id").claim("nonce", nonce).claim("name", "Frida").claim("cognito:groups", groups);
        return sign(tweak.apply(claims).build(), key);
    }

    public String accessToken(List<String> groups) {
        Instant now = Instant.now();
        return sign(new JWTClaimsSet.Builder().issuer(ISSUER).subject("user-1").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600))).claim("token_use", "access")
                .claim("client_id", CLIENT).claim("cognito:groups", groups).build(), key);
    }

    public static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
