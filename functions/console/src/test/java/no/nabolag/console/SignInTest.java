package no.nabolag.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sign-in through Micronaut Security's OpenID client against a test issuer: code flow with PKCE, state and nonce. */
class SignInTest {
    private static TestConsole console;

    @BeforeAll
    static void start() {
        console = new TestConsole();
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void signInRedirectsToTheIssuerWithPkceStateAndNonceKeptInOneSignedCookie() {
        APIGatewayV2HTTPResponse start = console.get("/console/sign-in?returnTo=/console/posts");

        assertThat(start.getStatusCode()).isEqualTo(303);
        URI location = URI.create(start.getHeaders().get("location"));
        assertThat(location.toString()).startsWith(console.issuer.issuer() + "/authorize?");
        Map<String, String> query = TestConsole.query(location);
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", TestIssuer.CLIENT)
                .containsEntry("redirect_uri", TestConsole.BASE + "/console/callback")
                .containsEntry("code_challenge_method", "S256").containsKeys("state", "nonce", "code_challenge");
        assertThat(query.get("scope")).contains("openid");
        assertThat(start.getCookies()).hasSize(1);
        assertThat(start.getCookies().get(0)).startsWith("nabolag_console=").contains("HttpOnly", "SameSite=Lax",
                "Path=/console", "Max-Age=600").doesNotContain("Secure");
    }

    @Test
    void theCallbackStartsAnEightHourSessionAndReturnsToThePageAskedFor() {
        APIGatewayV2HTTPResponse session = console.callback(List.of("editor-frogner"), b -> b);

        assertThat(session.getStatusCode()).isEqualTo(303);
        assertThat(session.getHeaders().get("location")).isEqualTo("/console/posts");
        assertThat(session.getCookies()).singleElement().asString().startsWith("nabolag_console=ey")
                .contains("HttpOnly", "SameSite=Lax", "Path=/console", "Max-Age=28800");
        APIGatewayV2HTTPResponse home = console.get("/console", TestConsole.cookie(session));
        assertThat(home.getStatusCode()).isEqualTo(200);
        assertThat(home.getBody()).contains("Frida Redaktør", "frogner", "name=\"csrf\"");
    }

    @Test
    void theHostHeaderNeverChangesTheCallbackUrl() {
        APIGatewayV2HTTPResponse start = console.send("GET", "/console/sign-in", null, Map.of("host", "evil.example"));

        assertThat(TestConsole.query(URI.create(start.getHeaders().get("location"))).get("redirect_uri"))
                .isEqualTo(TestConsole.BASE + "/console/callback");
    }

    @Test
    void aReturnToOutsideTheConsoleIsIgnored() {
        for (String returnTo : List.of("https://evil.example/", "//evil.example", "/console/sign-in", "/\\evil")) {
            APIGatewayV2HTTPResponse start = console.get("/console/sign-in?returnTo=" + TestConsole.enc(returnTo));
            Map<String, String> authorize = TestConsole.query(URI.create(start.getHeaders().get("location")));
            String code = console.issuer.issueCode(authorize.get("nonce"), authorize.get("code_challenge"),
                    authorize.get("redirect_uri"), List.of("editor-frogner"), b -> b);
            APIGatewayV2HTTPResponse session = console.get("/console/callback?code=" + code + "&state="
                    + TestConsole.enc(authorize.get("state")), TestConsole.cookie(start));
            assertThat(session.getHeaders().get("location")).as(returnTo).isEqualTo("/console");
        }
    }

    @Test
    void aCallbackWithoutItsSignInCookieOrWithAnotherStateIsRefused() {
        APIGatewayV2HTTPResponse start = console.get("/console/sign-in");
        Map<String, String> authorize = TestConsole.query(URI.create(start.getHeaders().get("location")));
        String code = console.issuer.issueCode(authorize.get("nonce"), authorize.get("code_challenge"),
                authorize.get("redirect_uri"), List.of("editor-frogner"), b -> b);
        APIGatewayV2HTTPResponse other = console.get("/console/sign-in");

        APIGatewayV2HTTPResponse noCookie = console.get("/console/callback?code=" + code + "&state="
                + TestConsole.enc(authorize.get("state")));
        APIGatewayV2HTTPResponse otherAttempt = console.get("/console/callback?code=" + code + "&state="
                + TestConsole.enc(authorize.get("state")), TestConsole.cookie(other));

        assertThat(List.of(noCookie.getStatusCode(), otherAttempt.getStatusCode())).containsOnly(400);
        assertThat(noCookie.getBody()).contains("data-status=\"400\"");
        assertThat(noCookie.getCookies()).isNull();
    }

    @Test
    void anIdTokenWithAnotherNonceAudienceOrIssuerStartsNoSession() {
        for (var tweak : List.<java.util.function.UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder>>of(
                b -> b.claim("nonce", "another"), b -> b.audience("another-client"), b -> b.issuer("https://evil.example"),
                b -> b.claim("token_use", "access"))) {
            APIGatewayV2HTTPResponse callback = console.callback(List.of("editor-frogner"), tweak);
            assertThat(callback.getStatusCode()).isEqualTo(400);
            assertThat(callback.getCookies()).isNull();
        }
    }

    @Test
    void someoneWithoutAConsoleGroupGetsNoSession() {
        APIGatewayV2HTTPResponse callback = console.callback(List.of("some-other-group"), b -> b);

        assertThat(callback.getStatusCode()).isEqualTo(403);
        assertThat(callback.getBody()).contains("data-status=\"403\"");
        assertThat(callback.getCookies()).singleElement().asString().startsWith("nabolag_console=;").contains("Max-Age=0");
    }

    @Test
    void signingOutClearsTheCookieAndTheSignedOutPageLinksToTheIssuersLogout() {
        String session = console.signIn(List.of("editor-frogner"));
        String csrf = ConsoleAssertions.csrf(console.get("/console", session).getBody());

        APIGatewayV2HTTPResponse out = console.post("/console/sign-out", "csrf=" + csrf, Map.of(), session);
        APIGatewayV2HTTPResponse page = console.get("/console/signed-out");

        assertThat(out.getStatusCode()).isEqualTo(303);
        assertThat(out.getHeaders().get("location")).isEqualTo("/console/signed-out");
        assertThat(out.getCookies()).anyMatch(c -> c.startsWith("nabolag_console=;") && c.contains("Max-Age=0"));
        assertThat(page.getBody()).contains(console.issuer.issuer() + "/logout?client_id", TestIssuer.CLIENT);
    }
}
