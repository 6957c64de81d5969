package no.nabolag.console.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Requires;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Optional;
import no.nabolag.core.security.Hmac;
import no.nabolag.core.security.SigningKeys;

/**
 * Signs the console's own tokens (the session cookie and the sign-in attempt) with HS256 and the deployment's
 * signing keys from Secrets Manager, so rotation works as for every other signature: a token names its key id in
 * the JWS header, new tokens use the current key, old ones verify while their key id is still in the secret.
 * The MAC key is derived from the signing key for this purpose only (HMAC of a purpose label), so a session
 * signature can never be mistaken for a publisher-link or cursor signature. Micronaut Security uses this bean as
 * its token generator ("generator") and as one of the signatures it validates tokens with.
 */
@Singleton
@Named("generator")
@Requires(property = "nabolag.console.configured", value = "true")
public final class SessionSignature implements SignatureGeneratorConfiguration {
    private static final String PURPOSE = "nabolag-console-session-jwt";
    private final SigningKeys keys;

    public SessionSignature(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return "Only HS256 is supported for the console's session tokens";
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return JWSAlgorithm.HS256.equals(algorithm);
    }

    @Override
    public boolean verify(SignedJWT jwt) throws JOSEException {
        if (!supports(jwt.getHeader().getAlgorithm())) {
            return false;
        }
        Optional<byte[]> key = macKey(jwt.getHeader().getKeyID());
        return key.isPresent() && jwt.verify(new MACVerifier(key.get()));
    }

    @Override
    public SignedJWT sign(JWTClaimsSet claims) throws JOSEException {
        String keyId = keys.currentKeyId();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keyId).build(), claims);
        jwt.sign(new MACSigner(macKey(keyId).orElseThrow()));
        return jwt;
    }

    private Optional<byte[]> macKey(String keyId) {
        return keyId == null ? Optional.empty() : keys.key(keyId).map(key -> Hmac.sha256(key, PURPOSE));
    }
}
