package no.nabolag.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import no.nabolag.core.security.SigningKeys;
import org.junit.jupiter.api.Test;

class SessionCookieTest {
    private static final Instant NOW = Instant.parse("2026-11-28T20:00:00Z");
    private final SigningKeys keys = SigningKeys.parse("{\"currentKeyId\":\"k1\",\"k1\":\"secret-one\",\"k2\":\"secret-two\"}");
    private final SessionCookie cookie = new SessionCookie(keys, true);
    private final Session session = new Session(new Member("sub-1", "Frida <b>", Set.of(), Set.of("frogner")),
            "csrf-token", NOW, NOW.plus(SessionCookie.SESSION_LIFETIME));

    private static Optional<String> header(String value) {
        return Optional.of("other=1; " + SessionCookie.NAME + "=" + value + "; lang=en");
    }

    @Test
    void aSessionSurvivesTheRoundTrip() {
        Optional<Session> read = cookie.session(header(cookie.encodeSession(session)), NOW.plusSeconds(60));

        assertThat(read).contains(session);
    }

    @Test
    void anExpiredSessionIsGone() {
        String value = cookie.encodeSession(session);

        assertThat(cookie.session(header(value), NOW.plus(Duration.ofHours(8)))).isEmpty();
    }

    @Test
    void aTamperedSessionIsRefused() {
        String value = cookie.encodeSession(session);
        String[] parts = value.split("\\.");
        String forged = new String(java.util.Base64.getUrlDecoder().decode(parts[3]))
                .replace("\"editor\":[\"frogner\"]", "\"editor\":[\"frogner\",\"ullern\"]");
        parts[3] = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes());

        assertThat(cookie.session(header(String.join(".", parts)), NOW)).isEmpty();
    }

    @Test
    void aSignInAttemptIsNotASession() {
        String login = cookie.encodeLogin(new LoginAttempt("s", "n", "v", "/console", NOW.plusSeconds(600)));

        assertThat(cookie.session(header(login), NOW)).isEmpty();
        assertThat(cookie.login(header(login), NOW)).isPresent();
        assertThat(cookie.login(header(login), NOW.plusSeconds(600))).isEmpty();
    }

    @Test
    void anotherKeyIdStillVerifiesWhileItIsInTheSecret() {
        String value = cookie.encodeSession(session);
        SessionCookie rotated = new SessionCookie(
                SigningKeys.parse("{\"currentKeyId\":\"k2\",\"k1\":\"secret-one\",\"k2\":\"secret-two\"}"), true);
        SessionCookie retired = new SessionCookie(SigningKeys.parse("{\"currentKeyId\":\"k2\",\"k2\":\"secret-two\"}"), true);

        assertThat(rotated.session(header(value), NOW)).isPresent();
        assertThat(retired.session(header(value), NOW)).isEmpty();
    }

    @Test
    void theCookieIsHttpOnlyLaxAndSecureUnlessOnLoopbackHttp() {
        assertThat(cookie.setCookie("x", Duration.ofHours(8)))
                .contains("HttpOnly", "SameSite=Lax", "Secure", "Path=/console", "Max-Age=28800");
        assertThat(new SessionCookie(keys, false).setCookie("x", Duration.ofHours(8))).doesNotContain("Secure");
        assertThat(cookie.clearCookie()).contains("Max-Age=0");
    }

    @Test
    void onlyTheCanonicalSpellingOfTheCookieIsASession() {
        String value = cookie.encodeSession(session);
        String[] parts = value.split("\\.");

        assertThat(Spellings.of(parts[4])).isNotEmpty().allSatisfy(variant -> {
            String[] changed = parts.clone();
            changed[4] = variant;
            assertThat(cookie.session(header(String.join(".", changed)), NOW)).as(variant).isEmpty();
        });
        assertThat(Spellings.of(parts[3])).allSatisfy(variant -> {
            String[] changed = parts.clone();
            changed[3] = variant;
            assertThat(cookie.session(header(String.join(".", changed)), NOW)).as(variant).isEmpty();
        });
    }
}
