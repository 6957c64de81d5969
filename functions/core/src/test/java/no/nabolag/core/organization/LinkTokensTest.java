package no.nabolag.core.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import no.nabolag.core.security.SigningKeys;
import no.nabolag.core.security.Spellings;
import org.junit.jupiter.api.Test;

class LinkTokensTest {
    private static final SigningKeys K1 = SigningKeys.parse("{\"currentKeyId\":\"k1\",\"k1\":\"first-secret-0123456789\"}");
    private static final Instant EXPIRY = Instant.parse("2027-01-01T00:00:00Z");

    @Test
    void signedTokenVerifiesWithItsClaims() {
        String token = new LinkTokens(K1).sign("link1", "org1", EXPIRY);

        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(new LinkTokens(K1).verify(token))
                .contains(new LinkClaims("link1", "org1", EXPIRY, "k1"));
    }

    @Test
    void changingAnyClaimBreaksTheSignature() {
        String token = new LinkTokens(K1).sign("link1", "org1", EXPIRY);
        String signature = token.substring(token.indexOf('.'));
        for (String forged : new String[] {
                "link2\norg1\n" + EXPIRY.getEpochSecond() + "\nk1",
                "link1\norg2\n" + EXPIRY.getEpochSecond() + "\nk1",
                "link1\norg1\n" + (EXPIRY.getEpochSecond() + 86400) + "\nk1",
                "link1\norg1\n" + EXPIRY.getEpochSecond() + "\nk2"}) {
            String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8));
            assertThat(new LinkTokens(K1).verify(payload + signature)).as(forged).isEmpty();
        }
    }

    @Test
    void flippedSignatureByteMalformedOrForeignTokensDoNotVerify() {
        String token = new LinkTokens(K1).sign("link1", "org1", EXPIRY);
        char last = token.charAt(token.length() - 2);
        String flipped = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);

        LinkTokens tokens = new LinkTokens(K1);
        assertThat(tokens.verify(flipped)).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("not-a-token")).isEmpty();
        assertThat(tokens.verify("a.b.c")).isEmpty();
        assertThat(tokens.verify("%%%.***")).isEmpty();
        assertThat(tokens.verify("x".repeat(5000))).isEmpty();
    }

    @Test
    void anotherSecretDoesNotVerify() {
        SigningKeys other = SigningKeys.parse("{\"currentKeyId\":\"k1\",\"k1\":\"another-secret-987654321\"}");
        String token = new LinkTokens(other).sign("link1", "org1", EXPIRY);

        assertThat(new LinkTokens(K1).verify(token)).isEmpty();
    }

    @Test
    void rotationKeepsOldLinksWhileTheirKeyStaysAndEndsThemWhenItGoes() {
        String oldToken = new LinkTokens(K1).sign("link1", "org1", EXPIRY);
        SigningKeys rotated = SigningKeys.parse(
                "{\"currentKeyId\":\"k2\",\"k1\":\"first-secret-0123456789\",\"k2\":\"second-secret-abcdefghij\"}");
        SigningKeys retired = SigningKeys.parse("{\"currentKeyId\":\"k2\",\"k2\":\"second-secret-abcdefghij\"}");

        String newToken = new LinkTokens(rotated).sign("link2", "org1", EXPIRY);

        assertThat(new LinkTokens(rotated).verify(oldToken)).map(LinkClaims::keyId).contains("k1");
        assertThat(new LinkTokens(rotated).verify(newToken)).map(LinkClaims::keyId).contains("k2");
        assertThat(new LinkTokens(retired).verify(oldToken)).isEmpty();
        assertThat(new LinkTokens(retired).verify(newToken)).isPresent();
    }

    @Test
    void onlyTheCanonicalSpellingOfSignatureAndPayloadVerifies() {
        LinkTokens tokens = new LinkTokens(K1);
        String token = tokens.sign("link1", "org1", EXPIRY);
        int dot = token.indexOf('.');
        String payload = token.substring(0, dot);
        String signature = token.substring(dot + 1);

        assertThat(Spellings.of(signature)).isNotEmpty().allSatisfy(variant ->
                assertThat(tokens.verify(payload + "." + variant)).as(variant).isEmpty());
        assertThat(Spellings.of(payload)).isNotEmpty().allSatisfy(variant ->
                assertThat(tokens.verify(variant + "." + signature)).as(variant).isEmpty());
        assertThat(tokens.verify(token)).isPresent();
    }
}
