package no.nabolag.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import no.nabolag.console.auth.Pkce;
import no.nabolag.console.auth.TokenEndpoint;
import no.nabolag.core.security.SigningKeys;
import no.nabolag.lambda.http.web.HttpResponse;
import no.nabolag.lambda.http.web.Router;
import org.junit.jupiter.api.Test;

class SignInRoutesTest {
    private static final TestIssuer issuer = new TestIssuer();
    private final AtomicReference<List<String>> groups = new AtomicReference<>(List.of("editor-frogner"));
    private final AtomicReference<String> seenVerifier = new AtomicReference<>();
    private final AtomicReference<String> nonce = new AtomicReference<>();
    private final Router router = new Console(TestIssuer.settings(), issuer.verifier(),
            new TokenEndpoint(TestIssuer.settings()) {
                @Override
                public Optional<Tokens> exchange(String code, String codeVerifier) {
                    seenVerifier.set(codeVerifier);
                    return code.equals("good-code")
                            ? Optional.of(new Tokens(issuer.idToken(nonce.get(), groups.get()), "access"))
                            : Optional.empty();
                }
            }, SigningKeys.parse("{\"currentKeyId\":\"k1\",\"k1\":\"test-secret\"}"), Clock.systemUTC(),
            ConsoleServices.none()).router();

    @Test
    void aPageWithoutSessionSendsTheBrowserToSignIn() {
        HttpResponse response = router.handle(ConsoleRequests.get("/console", "/console", null));

        assertThat(response.status()).isEqualTo(303);
        assertThat(response.headers().get("location")).isEqualTo("/console/sign-in?returnTo=%2Fconsole");
    }

    @Test
    void signInIsAuthorisationCodeWithPkceS256AndTheCallbackStartsASession() {
        // Arrange: the redirect to the issuer
        HttpResponse start = router.handle(ConsoleRequests.get("/console/sign-in", "/console/sign-in?returnTo=/console/posts", null));
        assertThat(start.status()).isEqualTo(303);
        Map<String, String> query = ConsoleRequests.queryOf(start.headers().get("location"));
        assertThat(start.headers().get("location")).startsWith("https://issuer.example.invalid/authorize?");
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", TestIssuer.CLIENT)
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", "http://127.0.0.1:9999/console/callback");
        String loginCookie = ConsoleRequests.cookieOf(start.headers().get("set-cookie"));
        nonce.set(query.get("nonce"));

        // Act: the issuer sends the browser back
        HttpResponse callback = router.handle(ConsoleRequests.get("/console/callback",
                "/console/callback?code=good-code&state=" + query.get("state"), loginCookie));

        // Assert
        assertThat(Pkce.challengeS256(seenVerifier.get())).isEqualTo(query.get("code_challenge"));
        assertThat(callback.status()).isEqualTo(303);
        assertThat(callback.headers().get("location")).isEqualTo("/console/posts");
        assertThat(callback.headers().get("set-cookie")).contains("HttpOnly", "SameSite=Lax", "Max-Age=28800");
        String session = ConsoleRequests.cookieOf(callback.headers().get("set-cookie"));
        HttpResponse home = router.handle(ConsoleRequests.get("/console", "/console", session));
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("Frida", "frogner");
        assertThat(home.headers()).containsEntry("referrer-policy", "no-referrer");
        assertThat(home.headers().get("content-security-policy")).contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
    }

    @Test
    void aCallbackWithAnotherStateOrNoSignInCookieIsRefused() {
        HttpResponse start = router.handle(ConsoleRequests.get("/console/sign-in", "/console/sign-in", null));
        String loginCookie = ConsoleRequests.cookieOf(start.headers().get("set-cookie"));
        nonce.set(ConsoleRequests.queryOf(start.headers().get("location")).get("nonce"));

        assertThat(router.handle(ConsoleRequests.get("/console/callback",
                "/console/callback?code=good-code&state=forged", loginCookie)).status()).isEqualTo(400);
        assertThat(router.handle(ConsoleRequests.get("/console/callback",
                "/console/callback?code=good-code&state=x", null)).status()).isEqualTo(400);
    }

    @Test
    void someoneWithoutAConsoleGroupGetsNoSession() {
        groups.set(List.of("somebody"));
        HttpResponse start = router.handle(ConsoleRequests.get("/console/sign-in", "/console/sign-in", null));
        Map<String, String> query = ConsoleRequests.queryOf(start.headers().get("location"));
        nonce.set(query.get("nonce"));

        HttpResponse callback = router.handle(ConsoleRequests.get("/console/callback",
                "/console/callback?code=good-code&state=" + query.get("state"),
                ConsoleRequests.cookieOf(start.headers().get("set-cookie"))));

        assertThat(callback.status()).isEqualTo(403);
        assertThat(callback.headers().get("set-cookie")).contains("Max-Age=0");
    }

    @Test
    void returnToStaysOnTheConsole() {
        assertThat(SignInRoutes.safeReturnTo("https://evil.example/")).isEqualTo("/console");
        assertThat(SignInRoutes.safeReturnTo("//evil.example/console")).isEqualTo("/console");
        assertThat(SignInRoutes.safeReturnTo("/console/posts/abc")).isEqualTo("/console/posts/abc");
    }

    @Test
    void signOutNeedsTheCsrfTokenAndClearsTheCookie() {
        String session = TestSessions.cookie(List.of("editor-frogner"));

        HttpResponse withoutToken = router.handle(ConsoleRequests.post("/console/sign-out", "/console/sign-out", session, ""));
        HttpResponse withToken = router.handle(ConsoleRequests.post("/console/sign-out", "/console/sign-out", session,
                "csrf=" + TestSessions.CSRF));

        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(withToken.status()).isEqualTo(303);
        assertThat(withToken.headers().get("set-cookie")).contains("Max-Age=0");
    }
}
