package no.nabolag.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import no.nabolag.core.config.Settings;
import org.junit.jupiter.api.Test;

/** A first deploy leaves PublicBaseUrl empty: the console starts anyway and says what to set. */
class ConsoleNotConfiguredTest {
    /** ConsoleFunction's environment on a first deploy: everything the template sets, PUBLIC_BASE_URL empty. */
    private static final Map<String, String> FIRST_DEPLOY = Map.of(
            "PUBLIC_BASE_URL", "",
            "SIGNING_SECRET_ARN", "arn:aws:secretsmanager:eu-north-1:123456789012:secret:nabolag-signing-keys",
            "CONSOLE_ISSUER", "https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_abc",
            "CONSOLE_CLIENT_ID", "client",
            "CONSOLE_AUTHORIZE_URL", "https://x.auth.eu-north-1.amazoncognito.com/oauth2/authorize",
            "CONSOLE_TOKEN_URL", "https://x.auth.eu-north-1.amazoncognito.com/oauth2/token",
            "CONSOLE_JWKS_URL", "https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_abc/.well-known/jwks.json");

    @Test
    void withoutAPublicBaseUrlEveryConsoleRouteExplainsWhatToSet() {
        ConsoleHandler handler = new ConsoleHandler(Settings.of(FIRST_DEPLOY));

        APIGatewayV2HTTPResponse home = handler.handleRequest(event("GET /console", "/console"), null);
        APIGatewayV2HTTPResponse post = handler.handleRequest(event("POST /console/publish", "/console/publish"), null);

        assertThat(home.getStatusCode()).isEqualTo(503);
        assertThat(home.getHeaders()).containsEntry("content-type", "text/html; charset=utf-8")
                .containsKey("content-security-policy");
        assertThat(home.getBody()).contains("not configured yet", "PublicBaseUrl", "samconfig.toml",
                "--parameter-overrides PublicBaseUrl=").doesNotContain("Exception", "CONSOLE_ISSUER");
        assertThat(post.getStatusCode()).isEqualTo(503);
    }

    @Test
    void aMissingSignInSettingIsNamedWithoutItsValue() {
        Settings settings = Settings.of(FIRST_DEPLOY).with("PUBLIC_BASE_URL", "https://nabolag.example.no")
                .with("CONSOLE_CLIENT_ID", "");

        ConsoleNotConfigured page = ConsoleNotConfigured.check(settings);

        assertThat(page.missing()).containsExactly("CONSOLE_CLIENT_ID");
        assertThat(page.page().body()).contains("CONSOLE_CLIENT_ID").doesNotContain("PublicBaseUrl</code> is empty",
                "cognito-idp");
    }

    private static APIGatewayV2HTTPEvent event(String routeKey, String path) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        event.setRawPath(path);
        return event;
    }
}
