package no.nabolag.console;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import no.nabolag.core.json.Json;
import no.nabolag.lambda.http.web.FormData;

/**
 * A throw-away OpenID Connect issuer for unit tests, on a JDK HttpServer at 127.0.0.1: RS256 tokens, a JWKS and a
 * token endpoint that, like Cognito, answers an authorisation code only with the PKCE verifier of its challenge.
 * A test issues a code for the state, nonce and challenge it read from the console's redirect.
 */
public final class TestIssuer implements AutoCloseable {
    public static final String CLIENT = "console-client";
    private final RSAKey key;
    private final HttpServer server;
    private final String issuer;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    /** What a code stands for: the member's tokens, bound to the challenge and redirect of the sign-in. */
    private record Grant(String challenge, String redirectUri, String idToken, String accessToken) {
    }

    public TestIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/pool";
        server.createContext("/pool/jwks.json", exchange -> send(exchange, 200,
                new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/pool/token", this::token);
        server.start();
    }

    public String issuer() {
        return issuer;
    }

    /** The console's settings against this issuer, with the given public base URL. */
    public Map<String, String> consoleSettings(String publicBaseUrl) {
        return Map.of("PUBLIC_BASE_URL", publicBaseUrl, "CONSOLE_ISSUER", issuer, "CONSOLE_CLIENT_ID", CLIENT,
                "CONSOLE_AUTHORIZE_URL", issuer + "/authorize", "CONSOLE_TOKEN_URL", issuer + "/token",
                "CONSOLE_JWKS_URL", issuer + "/jwks.json", "CONSOLE_LOGOUT_URL", issuer + "/logout");
    }

    /** A code the token endpoint exchanges for an ID token with these groups (and claims tweaked by the test). */
    public String issueCode(String nonce, String challenge, String redirectUri, List<String> groups,
                            UnaryOperator<JWTClaimsSet.Builder> tweak) {
        String code = "code-" + codes.size() + "-" + System.nanoTime();
        codes.put(code, new Grant(challenge, redirectUri, idToken(nonce, groups, tweak), accessToken(groups)));
        return code;
    }

    public String idToken(String nonce, List<String> groups, UnaryOperator<JWTClaimsSet.Builder> tweak) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject("user-1").audience(CLIENT)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("token_use", "id").claim("nonce", nonce).claim("name", "Frida Redaktør")
                .claim("cognito:groups", groups);
        return sign(tweak.apply(claims).build());
    }

    public String accessToken(List<String> groups) {
        Instant now = Instant.now();
        return sign(new JWTClaimsSet.Builder().issuer(issuer).subject("user-1").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600))).claim("token_use", "access")
                .claim("client_id", CLIENT).claim("cognito:groups", groups).build());
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        FormData form = FormData.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(form.text("code"));
        boolean valid = grant != null && "authorization_code".equals(form.text("grant_type"))
                && CLIENT.equals(form.text("client_id")) && grant.redirectUri().equals(form.text("redirect_uri"))
                && grant.challenge().equals(s256(form.text("code_verifier")));
        if (!valid) {
            send(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        send(exchange, 200, Json.write(Map.of("id_token", grant.idToken(), "access_token", grant.accessToken(),
                "token_type", "Bearer", "expires_in", 3600)));
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
