package no.nabolag.core.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PushTokensTest {
    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
        "IOS, 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, true",
        "IOS, 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF, true",
        "IOS, 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde, false",
        "IOS, it-token-not-hex-it-token-not-hex-it-token-not-hex-it-token-not-hex, false",
        "ANDROID, dXNlcjEyMzQ1Njc4OTA:APA91bH-x_yz0123456789, true",
        "ANDROID, token with spaces, false",
        "ANDROID, tok%en, false",
        "ANDROID, tøken, false"})
    void eachPlatformsTokensHaveTheirOwnShape(Platform platform, String token, boolean valid) {
        assertThat(PushTokens.problem(platform, token).isEmpty()).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"IOS, 200, true", "IOS, 202, false", "ANDROID, 4096, true", "ANDROID, 4097, false"})
    void lengthsHaveLimits(Platform platform, int length, boolean valid) {
        assertThat(PushTokens.problem(platform, "a".repeat(length)).isEmpty()).isEqualTo(valid);
        if (length > PushTokens.MAX_LENGTH) {
            assertThat(PushTokens.problem(platform, "a".repeat(length)).orElseThrow()).contains("4096");
        }
    }
}
