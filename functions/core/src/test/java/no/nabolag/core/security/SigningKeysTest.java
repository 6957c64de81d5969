package no.nabolag.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Rotation by key id: sign with the current key, verify with any key still in the secret. */
class SigningKeysTest {
    private static final String ONE = "{\"currentKeyId\":\"k1\",\"k1\":\"first-secret\"}";
    private static final String ROTATED = "{\"currentKeyId\":\"k2\",\"k1\":\"first-secret\",\"k2\":\"second-secret\"}";
    private static final String RETIRED = "{\"currentKeyId\":\"k2\",\"k2\":\"second-secret\"}";

    private static byte[] hmac(String key, String message) {
        return Hmac.sha256(key.getBytes(StandardCharsets.UTF_8), message);
    }

    @Test
    void newSignaturesUseTheCurrentKey() {
        // Arrange
        SigningKeys keys = SigningKeys.parse(ROTATED);

        // Act
        byte[] signature = keys.sign("message");

        // Assert
        assertThat(keys.currentKeyId()).isEqualTo("k2");
        assertThat(signature).isEqualTo(hmac("second-secret", "message"));
        assertThat(keys.verify("k2", "message", signature)).isTrue();
        assertThat(keys.verify("k1", "message", signature)).as("not valid under another key id").isFalse();
    }

    @Test
    void signaturesOfAnOlderKeyStayValidWhileItsKeyIdIsInTheSecret() {
        // Arrange: signed before the rotation
        byte[] old = SigningKeys.parse(ONE).sign("message");

        // Act
        boolean afterRotation = SigningKeys.parse(ROTATED).verify("k1", "message", old);
        boolean afterRetirement = SigningKeys.parse(RETIRED).verify("k1", "message", old);

        // Assert
        assertThat(afterRotation).isTrue();
        assertThat(afterRetirement).isFalse();
    }

    @Test
    void alteredMessagesUnknownKeyIdsAndMissingSignaturesNeverVerify() {
        // Arrange
        SigningKeys keys = SigningKeys.parse(ROTATED);
        byte[] signature = keys.sign("message");
        byte[] flipped = signature.clone();
        flipped[0] ^= 1;

        // Act + Assert
        assertThat(keys.verify("k2", "message!", signature)).isFalse();
        assertThat(keys.verify("k2", "message", flipped)).isFalse();
        assertThat(keys.verify("k9", "message", signature)).isFalse();
        assertThat(keys.verify("currentKeyId", "message", signature)).isFalse();
        assertThat(keys.verify("k2", "message", (byte[]) null)).isFalse();
        assertThat(keys.verify("k2", "message", new byte[0])).isFalse();
    }

    @Test
    void theCurrentKeyIdMustNameAKeyInTheSecret() {
        assertThatThrownBy(() -> SigningKeys.parse("{\"currentKeyId\":\"k3\",\"k1\":\"first-secret\"}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("k3")
                .hasMessageNotContaining("first-secret");
        assertThatThrownBy(() -> SigningKeys.parse("{\"k1\":\"first-secret\"}"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSecretThatIsNotJsonIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> SigningKeys.parse("k1=first-secret"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Signing secret is not JSON")
                .hasNoCause();
    }

    @Test
    void theKeysAreReadFromTheSecretPortWhenLoaded() {
        // Arrange
        AtomicInteger reads = new AtomicInteger();
        SigningSecret secret = () -> {
            reads.incrementAndGet();
            return ROTATED;
        };

        // Act
        SigningKeys keys = SigningKeys.load(secret);

        // Assert
        assertThat(reads).hasValue(1);
        assertThat(keys.currentKeyId()).isEqualTo("k2");
    }

    @Test
    void aKeyHandedOutIsACopy() {
        // Arrange
        SigningKeys keys = SigningKeys.parse(ONE);
        byte[] before = keys.sign("message");

        // Act
        keys.key("k1").orElseThrow()[0] ^= 1;

        // Assert
        assertThat(keys.sign("message")).isEqualTo(before);
        assertThat(keys.key("k9")).isEmpty();
    }
}
