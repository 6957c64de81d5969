package no.nabolag.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import no.nabolag.core.security.SigningKeys;
import org.junit.jupiter.api.Test;

class FormTokensTest {
    private static final SigningKeys KEYS = SigningKeys.parse("{\"currentKeyId\":\"k1\",\"k1\":\"test-secret-0123456789\"}");
    private static final Instant NOW = Instant.parse("2026-11-28T20:00:00Z");

    @Test
    void tokenIsBoundToItsLinkAndFreshPerRender() {
        FormTokens tokens = new FormTokens(KEYS, Clock.fixed(NOW, ZoneOffset.UTC));
        String token = tokens.issue("link1");

        assertThat(tokens.check(token, "link1")).isEqualTo(FormTokens.Check.VALID);
        assertThat(tokens.check(token, "link2")).isEqualTo(FormTokens.Check.INVALID);
        assertThat(tokens.issue("link1")).isNotEqualTo(token);
    }

    @Test
    void tamperedMissingOrForeignTokensAreInvalid() {
        FormTokens tokens = new FormTokens(KEYS, Clock.fixed(NOW, ZoneOffset.UTC));
        String token = tokens.issue("link1");
        String[] parts = token.split("\\.");
        String laterIssue = parts[0] + "." + (Long.parseLong(parts[1]) + 1) + "." + parts[2] + "." + parts[3];

        assertThat(tokens.check(laterIssue, "link1")).isEqualTo(FormTokens.Check.INVALID);
        assertThat(tokens.check(null, "link1")).isEqualTo(FormTokens.Check.INVALID);
        assertThat(tokens.check("", "link1")).isEqualTo(FormTokens.Check.INVALID);
        assertThat(tokens.check("k9." + parts[1] + "." + parts[2] + "." + parts[3], "link1"))
                .isEqualTo(FormTokens.Check.INVALID);
        FormTokens other = new FormTokens(SigningKeys.parse("{\"currentKeyId\":\"k1\",\"k1\":\"other\"}"),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(other.check(token, "link1")).isEqualTo(FormTokens.Check.INVALID);
    }

    @Test
    void genuineButOldTokenIsStale() {
        String token = new FormTokens(KEYS, Clock.fixed(NOW, ZoneOffset.UTC)).issue("link1");
        FormTokens later = new FormTokens(KEYS, Clock.fixed(NOW.plus(FormTokens.LIFETIME).plus(Duration.ofMinutes(1)),
                ZoneOffset.UTC));

        assertThat(later.check(token, "link1")).isEqualTo(FormTokens.Check.STALE);
    }

    @Test
    void aVariantSpellingOfTheMacIsInvalidSoAUsedFormCannotPassAsANewOne() {
        FormTokens tokens = new FormTokens(KEYS, Clock.fixed(NOW, ZoneOffset.UTC));
        String token = tokens.issue("link1");
        String mac = token.substring(token.lastIndexOf('.') + 1);
        String signed = token.substring(0, token.lastIndexOf('.') + 1);

        assertThat(Spellings.of(mac)).isNotEmpty().allSatisfy(variant ->
                assertThat(tokens.check(signed + variant, "link1")).as(variant).isEqualTo(FormTokens.Check.INVALID));
        assertThat(tokens.check(token, "link1")).isEqualTo(FormTokens.Check.VALID);
    }
}
