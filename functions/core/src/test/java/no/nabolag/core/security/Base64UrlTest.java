package no.nabolag.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class Base64UrlTest {
    /** 32 bytes (an HMAC-SHA256): 43 characters, the last one carrying 2 unused bits. */
    private static final byte[] MAC = new byte[32];

    static {
        for (int i = 0; i < MAC.length; i++) {
            MAC[i] = (byte) (i * 37 + 250);
        }
    }

    @Test
    void theCanonicalSpellingRoundTrips() {
        String text = Base64Url.encode(MAC);

        assertThat(text).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Base64Url.decode(text)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(MAC));
        assertThat(Base64Url.decode("")).hasValueSatisfying(bytes -> assertThat(bytes).isEmpty());
    }

    @Test
    void flippingTheUnusedBitsOfTheLastCharacterIsRefusedThoughTheJdkDecodesTheSameBytes() {
        String text = Base64Url.encode(MAC);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(text.charAt(text.length() - 1));
        for (int spare = 1; spare < 4; spare++) {
            String variant = text.substring(0, text.length() - 1) + alphabet.charAt(last ^ spare);

            assertThat(Base64.getUrlDecoder().decode(variant)).as("the JDK's reading of %s", variant).isEqualTo(MAC);
            assertThat(Base64Url.decode(variant)).as(variant).isEmpty();
        }
    }

    @Test
    void paddedStandardAlphabetAndMimeSpellingsAreRefused() {
        byte[] bytes = {(byte) 0xfb, (byte) 0xff, (byte) 0xbf, 0x3e};
        String canonical = Base64Url.encode(bytes);
        assertThat(canonical).isEqualTo("-_-_Pg");

        assertThat(Base64Url.decode(canonical + "==")).isEmpty();
        assertThat(Base64Url.decode(Base64.getEncoder().encodeToString(bytes))).isEmpty();
        assertThat(Base64Url.decode(Base64.getEncoder().withoutPadding().encodeToString(bytes))).isEmpty();
        assertThat(Base64Url.decode(Base64Url.encode(MAC) + "=")).isEmpty();
        assertThat(Base64Url.decode("-_-_\nPg")).isEmpty();
        assertThat(Base64Url.decode(" -_-_Pg")).isEmpty();
        assertThat(Base64Url.decode("-_-_P")).isEmpty();
        assertThat(Base64Url.decode(null)).isEmpty();
    }
}
