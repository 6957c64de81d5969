package no.nabolag.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import no.nabolag.console.TestIssuer;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {
    private static final TestIssuer issuer = new TestIssuer();
    private final TokenVerifier verifier = issuer.verifier();

    @Test
    void aValidIdTokenNamesTheMemberAndTheirRoles() {
        var member = verifier.verifyIdToken(issuer.idToken("n1", List.of("editor-frogner")), "n1");

        assertThat(member).isPresent();
        assertThat(member.get().editorDistricts()).containsExactly("frogner");
        assertThat(member.get().name()).isEqualTo("Frida");
    }

    @Test
    void theNonceMustMatch() {
        assertThat(verifier.verifyIdToken(issuer.idToken("n1", List.of()), "other")).isEmpty();
    }

    @Test
    void issuerAudienceExpiryTokenUseAndSignatureAreChecked() throws Exception {
        assertThat(verifier.verifyIdToken(issuer.idToken("n", List.of(), b -> b.issuer("https://evil.example")), "n")).isEmpty();
        assertThat(verifier.verifyIdToken(issuer.idToken("n", List.of(), b -> b.audience("other-client")), "n")).isEmpty();
        assertThat(verifier.verifyIdToken(issuer.idToken("n", List.of(),
                b -> b.expirationTime(Date.from(Instant.now().minusSeconds(120)))), "n")).isEmpty();
        assertThat(verifier.verifyIdToken(issuer.idToken("n", List.of(), b -> b.claim("token_use", "access")), "n")).isEmpty();
        var otherKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
        String forged = TestIssuer.sign(new com.nimbusds.jwt.JWTClaimsSet.Builder(
                com.nimbusds.jwt.SignedJWT.parse(issuer.idToken("n", List.of())).getJWTClaimsSet()).build(), otherKey);
        assertThat(verifier.verifyIdToken(forged, "n")).isEmpty();
        assertThat(verifier.verifyIdToken("not-a-jwt", "n")).isEmpty();
    }

    @Test
    void anAccessTokenMustBeOneOfThisClient() {
        assertThat(verifier.verifyAccessToken(issuer.accessToken(List.of("tenant-admin-oslo")))).isPresent();
        assertThat(verifier.verifyAccessToken(issuer.idToken("n", List.of()))).isEmpty();
    }
}
