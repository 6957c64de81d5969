package no.nabolag.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import no.nabolag.core.config.Settings;
import org.junit.jupiter.api.Test;

class OidcSettingsTest {
    private static OidcSettings withBase(String base) {
        return OidcSettings.from(Settings.of(Map.of("PUBLIC_BASE_URL", base, "CONSOLE_ISSUER", "https://i",
                "CONSOLE_CLIENT_ID", "c", "CONSOLE_AUTHORIZE_URL", "https://i/a", "CONSOLE_TOKEN_URL", "https://i/t",
                "CONSOLE_JWKS_URL", "https://i/j")));
    }

    @Test
    void cookiesAreSecureExceptOnPlainHttpLoopback() {
        assertThat(withBase("https://nabolag.oslo.kommune.no").secureCookies()).isTrue();
        assertThat(withBase("http://nabolag.example.no").secureCookies()).isTrue();
        assertThat(withBase("http://127.0.0.1:8080").secureCookies()).isFalse();
    }

    @Test
    void theCallbackAndOriginComeFromThePublicBaseUrl() {
        OidcSettings settings = withBase("https://nabolag.oslo.kommune.no/");

        assertThat(settings.redirectUri()).isEqualTo("https://nabolag.oslo.kommune.no/console/callback");
        assertThat(settings.origin()).isEqualTo("https://nabolag.oslo.kommune.no");
        assertThat(settings.logoutUrl()).isNull();
    }
}
