package no.nabolag.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The session and what guards it: pages need a valid session cookie, forms need the session's CSRF token from the
 * console's origin, the JSON route needs a bearer access token, and no other kind of token or header stands in.
 */
class SessionTest {
    private static TestConsole console;
    private static String session;
    private static String csrf;

    @BeforeAll
    static void signIn() {
        console = new TestConsole();
        session = console.signIn(List.of("editor-frogner"));
        csrf = ConsoleAssertions.csrf(console.get("/console", session).getBody());
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void aPageWithoutASessionSendsTheBrowserToSignInAndAFormPostGets401() {
        APIGatewayV2HTTPResponse page = console.get("/console/posts");
        APIGatewayV2HTTPResponse post = console.post("/console/sign-out", "csrf=x", Map.of());

        assertThat(page.getStatusCode()).isEqualTo(303);
        assertThat(page.getHeaders().get("location")).isEqualTo("/console/sign-in?returnTo=%2Fconsole%2Fposts");
        assertThat(post.getStatusCode()).isEqualTo(401);
        assertThat(post.getBody()).contains("data-status=\"401\"");
    }

    @Test
    void forgedUnsignedOrForeignTokensAreNoSession() {
        String unsigned = new PlainJWT(new PlainHeader(), new JWTClaimsSet.Builder().issuer(ConsoleSettings.SESSION_ISSUER)
                .subject("x").claim("token_use", "session").claim("cognito:groups", List.of("tenant-admin-oslo"))
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build()).serialize();
        String[] parts = session.substring("nabolag_console=".length()).split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        String idToken = console.issuer.idToken("n", List.of("tenant-admin-oslo"), b -> b);
        String accessToken = console.issuer.accessToken(List.of("tenant-admin-oslo"));

        for (String value : List.of("v1.session.k1.eyJzdWIiOiJ4In0.AAAA", unsigned, tampered, idToken, accessToken)) {
            APIGatewayV2HTTPResponse page = console.get("/console", "nabolag_console=" + value);
            assertThat(page.getStatusCode()).as(value).isEqualTo(303);
        }
    }

    @Test
    void anIdentityHeaderFromTheClientSignsNobodyIn() {
        APIGatewayV2HTTPResponse page = console.send("GET", "/console", null, Map.of("x-amzn-oidc-identity", "admin"));

        assertThat(page.getStatusCode()).isEqualTo(303);
    }

    @Test
    void everyPostNeedsTheSessionsCsrfTokenFromTheConsolesOrigin() {
        String other = new TestConsoleSession(console).csrf();

        assertThat(console.post("/console/sign-out", "", Map.of(), session).getStatusCode()).isEqualTo(403);
        assertThat(console.post("/console/sign-out", "csrf=" + "x".repeat(43), Map.of(), session).getStatusCode())
                .isEqualTo(403);
        assertThat(console.post("/console/sign-out", "csrf=" + other, Map.of(), session).getStatusCode()).isEqualTo(403);
        assertThat(console.post("/console/sign-out", "csrf=" + csrf, Map.of("origin", "https://evil.example"), session)
                .getStatusCode()).isEqualTo(403);
        assertThat(console.post("/console/sign-out", "csrf=" + csrf, Map.of("origin", "null"), session).getStatusCode())
                .isEqualTo(303);
        assertThat(console.post("/console/sign-out", "csrf=" + csrf, Map.of("origin", TestConsole.BASE), session)
                .getStatusCode()).isEqualTo(303);
    }

    @Test
    void theJsonRouteTakesOnlyABearerAccessTokenOfTheConsolesClient() {
        String path = "/console/api/posts/p1/figures";
        String sessionJwt = session.substring("nabolag_console=".length());

        APIGatewayV2HTTPResponse none = console.get(path);
        APIGatewayV2HTTPResponse idToken = console.send("GET", path, null, Map.of("authorization", "Bearer "
                + console.issuer.idToken("n", List.of("editor-frogner"), b -> b)));
        APIGatewayV2HTTPResponse sessionAsBearer = console.send("GET", path, null,
                Map.of("authorization", "Bearer " + sessionJwt));
        APIGatewayV2HTTPResponse cookieOnly = console.get(path, session);

        for (APIGatewayV2HTTPResponse response : List.of(none, idToken, sessionAsBearer, cookieOnly)) {
            assertThat(response.getStatusCode()).isEqualTo(401);
            assertThat(response.getHeaders()).containsEntry("www-authenticate", "Bearer");
        }
    }

    @Test
    void pagesRedirectsAndErrorsCarryTheSecurityHeaders() {
        for (APIGatewayV2HTTPResponse response : List.of(console.get("/console", session), console.get("/console/posts"),
                console.post("/console/sign-out", "", Map.of(), session))) {
            assertThat(response.getHeaders().get("content-security-policy"))
                    .contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(response.getHeaders()).containsEntry("referrer-policy", "no-referrer")
                    .containsEntry("x-frame-options", "DENY").containsEntry("x-content-type-options", "nosniff")
                    .containsEntry("cache-control", "no-store");
        }
        APIGatewayV2HTTPResponse css = console.get("/console/static/console.css");
        assertThat(css.getStatusCode()).isEqualTo(200);
        assertThat(css.getHeaders()).containsEntry("cache-control", "public, max-age=300");
        assertThat(console.get("/console/static/secret.txt").getStatusCode()).isEqualTo(404);
    }

    @Test
    void theConsoleSpeaksNorwegianByDefaultAndEnglishOnRequestRememberedInACookie() {
        APIGatewayV2HTTPResponse norwegian = console.get("/console", session);
        APIGatewayV2HTTPResponse english = console.get("/console?lang=en", session);

        assertThat(norwegian.getBody()).contains("<html lang=\"nb\"");
        assertThat(english.getBody()).contains("<html lang=\"en\"", "Sign out");
        assertThat(english.getCookies()).anyMatch(c -> c.startsWith("nabolag_console_lang=en;"));
        assertThat(console.get("/console", session, "nabolag_console_lang=en").getBody()).contains("<html lang=\"en\"");
    }

    /** A second member's session on the same console. */
    private record TestConsoleSession(TestConsole console) {
        String csrf() {
            String other = console.signIn(List.of("editor-ullern"));
            return ConsoleAssertions.csrf(console.get("/console", other).getBody());
        }
    }
}
