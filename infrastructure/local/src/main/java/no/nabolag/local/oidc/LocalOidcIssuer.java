package no.nabolag.local.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import no.nabolag.core.json.Json;
import org.owasp.encoder.Encode;

/**
 * A small OpenID Connect issuer for the local stack, so the console runs the same sign-in and JWT validation code
 * locally as against Cognito in AWS. It lives only in infrastructure/local, never in a Lambda jar.
 *
 * <p>Endpoints under its issuer URL (mount it at {@value #PATH}): discovery ({@code /.well-known/openid-configuration}),
 * {@code /jwks.json}, {@code /authorize} (a tiny login page: pick one of the two demo users), {@code /token}
 * (authorisation code grant with PKCE S256 only; codes are single use and live 60 s) and {@code /logout}
 * (Cognito-style {@code client_id} + {@code logout_uri}). Tokens are RS256 with a key generated at start and
 * carry Cognito's claim names ({@code cognito:groups}, {@code token_use}, {@code client_id} on access tokens).
 *
 * <p>Only one client is known, {@value #CLIENT_ID} (a public client: no secret, PKCE required), and it may only
 * redirect to the redirect URIs it is given, or by default to any loopback http URL ending in /console/callback.
 */
public final class LocalOidcIssuer implements HttpHandler {
    public static final String PATH = "/_local/oidc";
    public static final String CLIENT_ID = "nabolag-console-local";
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Duration CODE_LIFETIME = Duration.ofSeconds(60);

    /** A demo user of the login page. */
    public record DemoUser(String username, String name, String email, List<String> groups) {
    }

    /** The two demo users: a tenant administrator for Oslo and an editor of Frogner. */
    public static final List<DemoUser> DEMO_USERS = List.of(
            new DemoUser("oslo-admin", "Oda Admin (Oslo kommune)", "oslo-admin@example.invalid", List.of("tenant-admin-oslo")),
            new DemoUser("frogner-editor", "Frida Redaktør (Bydel Frogner)", "frogner-editor@example.invalid",
                    List.of("editor-frogner")));

    private record PendingCode(DemoUser user, String redirectUri, String challenge, String nonce, Instant expiresAt) {
    }

    private final String issuer;
    private final String prefix;
    private final Predicate<String> redirectAllowed;
    private final RSAKey key;
    private final Clock clock;
    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private HttpServer ownServer;

    /**
     * @param issuer          the issuer URL as clients will see it, e.g. http://127.0.0.1:PORT/_local/oidc; requests
     *                        are routed by the path below it
     * @param redirectAllowed which redirect_uri values the console client may use
     */
    public LocalOidcIssuer(URI issuer, Predicate<String> redirectAllowed, Clock clock) {
        String text = issuer.toString();
        this.issuer = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.prefix = URI.create(this.issuer).getRawPath();
        this.redirectAllowed = redirectAllowed;
        this.clock = clock;
        try {
            this.key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate the issuer's RSA key", e);
        }
    }

    /** An issuer for a stack at baseUrl, mounted at {@value #PATH}, accepting loopback console callbacks. */
    public static LocalOidcIssuer forBaseUrl(URI baseUrl) {
        String base = baseUrl.toString().endsWith("/") ? baseUrl.toString().substring(0, baseUrl.toString().length() - 1)
                : baseUrl.toString();
        return new LocalOidcIssuer(URI.create(base + PATH), LocalOidcIssuer::isLoopbackCallback, Clock.systemUTC());
    }

    /** Runs the issuer on its own server (127.0.0.1, a free port), for tests or a console without the full stack. */
    public static LocalOidcIssuer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            LocalOidcIssuer issuer = forBaseUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
            server.createContext(PATH, issuer);
            server.start();
            issuer.ownServer = server;
            return issuer;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the local OIDC issuer", e);
        }
    }

    /** Stops the server that {@link #start()} created (nothing when mounted in another server). */
    public void stop() {
        if (ownServer != null) {
            ownServer.stop(0);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** Signs an access token for a demo user directly (tests of the console's bearer-protected JSON routes). */
    public String accessTokenFor(String username) {
        DemoUser user = user(username).orElseThrow(() -> new IllegalArgumentException("No demo user " + username));
        return sign(accessClaims(user, clock.instant()));
    }

    /** Signs an ID token for a demo user directly (tests). */
    public String idTokenFor(String username, String nonce) {
        DemoUser user = user(username).orElseThrow(() -> new IllegalArgumentException("No demo user " + username));
        return sign(idClaims(user, nonce, clock.instant()));
    }

    public static boolean isLoopbackCallback(String redirectUri) {
        try {
            URI uri = URI.create(redirectUri);
            return "http".equals(uri.getScheme())
                    && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()))
                    && "/console/callback".equals(uri.getPath()) && uri.getRawQuery() == null && uri.getFragment() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String route = path.startsWith(prefix) ? path.substring(prefix.length()) : path;
            String method = exchange.getRequestMethod();
            switch (method + " " + route) {
                case "GET /.well-known/openid-configuration" -> json(exchange, 200, discovery());
                case "GET /jwks.json" -> send(exchange, 200, "application/json",
                        new JWKSet(key.toPublicJWK()).toString(true));
                case "GET /authorize" -> showLogin(exchange, parse(exchange.getRequestURI().getRawQuery()));
                case "POST /authorize" -> login(exchange, parse(body(exchange)));
                case "POST /token" -> token(exchange, parse(body(exchange)));
                case "GET /logout" -> logout(exchange, parse(exchange.getRequestURI().getRawQuery()));
                default -> send(exchange, 404, "text/plain; charset=utf-8", "Not found");
            }
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain; charset=utf-8", "Internal error");
        }
    }

    private Map<String, Object> discovery() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("authorization_endpoint", issuer + "/authorize");
        doc.put("token_endpoint", issuer + "/token");
        doc.put("jwks_uri", issuer + "/jwks.json");
        doc.put("end_session_endpoint", issuer + "/logout");
        doc.put("response_types_supported", List.of("code"));
        doc.put("grant_types_supported", List.of("authorization_code"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("scopes_supported", List.of("openid", "profile", "email"));
        doc.put("token_endpoint_auth_methods_supported", List.of("none"));
        doc.put("code_challenge_methods_supported", List.of("S256"));
        return doc;
    }

    /** Checks an authorisation request; the error text when it is not one this issuer serves. */
    private Optional<String> invalidRequest(Map<String, String> q) {
        if (!"code".equals(q.get("response_type"))) {
            return Optional.of("response_type must be code");
        }
        if (!CLIENT_ID.equals(q.get("client_id"))) {
            return Optional.of("unknown client_id");
        }
        if (q.get("redirect_uri") == null || !redirectAllowed.test(q.get("redirect_uri"))) {
            return Optional.of("redirect_uri is not registered for this client");
        }
        if (!"S256".equals(q.get("code_challenge_method")) || q.getOrDefault("code_challenge", "").length() < 43) {
            return Optional.of("PKCE with code_challenge_method S256 is required");
        }
        if (q.get("scope") == null || !List.of(q.get("scope").split(" ")).contains("openid")) {
            return Optional.of("scope must include openid");
        }
        return Optional.empty();
    }

    private static final List<String> CARRIED = List.of("response_type", "client_id", "redirect_uri", "scope", "state",
            "nonce", "code_challenge", "code_challenge_method");

    private void showLogin(HttpExchange exchange, Map<String, String> q) throws IOException {
        Optional<String> invalid = invalidRequest(q);
        if (invalid.isPresent()) {
            send(exchange, 400, "text/html; charset=utf-8", page("Ugyldig forespørsel",
                    "<p>" + Encode.forHtml(invalid.get()) + "</p>"));
            return;
        }
        StringBuilder form = new StringBuilder();
        form.append("<p>Dette er den lokale test-innloggingen. Velg en demobruker.</p>");
        form.append("<form method=\"post\" action=\"").append(Encode.forHtmlAttribute(prefix + "/authorize")).append("\">");
        for (String name : CARRIED) {
            if (q.get(name) != null) {
                form.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(Encode.forHtmlAttribute(q.get(name))).append("\">");
            }
        }
        form.append("<ul>");
        for (DemoUser user : DEMO_USERS) {
            form.append("<li><button type=\"submit\" name=\"username\" id=\"user-").append(user.username())
                    .append("\" value=\"").append(user.username()).append("\">Logg inn som ")
                    .append(Encode.forHtml(user.name())).append("</button></li>");
        }
        form.append("</ul></form>");
        send(exchange, 200, "text/html; charset=utf-8", page("Logg inn (lokal utsteder)", form.toString()));
    }

    private void login(HttpExchange exchange, Map<String, String> form) throws IOException {
        Optional<String> invalid = invalidRequest(form);
        Optional<DemoUser> user = user(form.get("username"));
        if (invalid.isPresent() || user.isEmpty()) {
            send(exchange, 400, "text/html; charset=utf-8", page("Ugyldig forespørsel",
                    "<p>" + Encode.forHtml(invalid.orElse("unknown user")) + "</p>"));
            return;
        }
        String code = randomToken();
        codes.put(code, new PendingCode(user.get(), form.get("redirect_uri"), form.get("code_challenge"),
                form.get("nonce"), clock.instant().plus(CODE_LIFETIME)));
        String location = form.get("redirect_uri") + "?code=" + enc(code)
                + (form.get("state") == null ? "" : "&state=" + enc(form.get("state")));
        exchange.getResponseHeaders().set("location", location);
        exchange.getResponseHeaders().set("cache-control", "no-store");
        exchange.sendResponseHeaders(302, -1);
    }

    private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        if (!"authorization_code".equals(form.get("grant_type"))) {
            json(exchange, 400, Map.of("error", "unsupported_grant_type"));
            return;
        }
        if (!CLIENT_ID.equals(form.get("client_id"))) {
            json(exchange, 401, Map.of("error", "invalid_client"));
            return;
        }
        PendingCode pending = form.get("code") == null ? null : codes.remove(form.get("code"));
        Instant now = clock.instant();
        if (pending == null || !now.isBefore(pending.expiresAt())
                || !pending.redirectUri().equals(form.get("redirect_uri"))
                || form.get("code_verifier") == null
                || !MessageDigest.isEqual(s256(form.get("code_verifier")).getBytes(StandardCharsets.US_ASCII),
                        pending.challenge().getBytes(StandardCharsets.US_ASCII))) {
            json(exchange, 400, Map.of("error", "invalid_grant"));
            return;
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id_token", sign(idClaims(pending.user(), pending.nonce(), now)));
        response.put("access_token", sign(accessClaims(pending.user(), now)));
        response.put("token_type", "Bearer");
        response.put("expires_in", TOKEN_LIFETIME.toSeconds());
        exchange.getResponseHeaders().set("cache-control", "no-store");
        json(exchange, 200, response);
    }

    private void logout(HttpExchange exchange, Map<String, String> q) throws IOException {
        String target = q.get("logout_uri");
        if (!CLIENT_ID.equals(q.get("client_id")) || target == null || !isLoopbackConsole(target)) {
            send(exchange, 400, "text/html; charset=utf-8", page("Ugyldig forespørsel", "<p>Ukjent logout_uri</p>"));
            return;
        }
        exchange.getResponseHeaders().set("location", target);
        exchange.sendResponseHeaders(302, -1);
    }

    private static boolean isLoopbackConsole(String uri) {
        try {
            URI u = URI.create(uri);
            return "http".equals(u.getScheme()) && ("127.0.0.1".equals(u.getHost()) || "localhost".equals(u.getHost()))
                    && u.getPath() != null && u.getPath().startsWith("/console");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private JWTClaimsSet idClaims(DemoUser user, String nonce, Instant now) {
        JWTClaimsSet.Builder claims = common(user, now).audience(CLIENT_ID).claim("token_use", "id")
                .claim("auth_time", now.getEpochSecond()).claim("name", user.name()).claim("email", user.email());
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        return claims.build();
    }

    private JWTClaimsSet accessClaims(DemoUser user, Instant now) {
        return common(user, now).claim("token_use", "access").claim("client_id", CLIENT_ID)
                .claim("scope", "openid profile email").build();
    }

    private JWTClaimsSet.Builder common(DemoUser user, Instant now) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject(subjectOf(user)).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME))).jwtID(UUID.randomUUID().toString())
                .claim("cognito:username", user.username()).claim("cognito:groups", user.groups());
    }

    private static String subjectOf(DemoUser user) {
        return UUID.nameUUIDFromBytes(("nabolag-local-" + user.username()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    private static Optional<DemoUser> user(String username) {
        return DEMO_USERS.stream().filter(u -> u.username().equals(username)).findFirst();
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String page(String title, String content) {
        return "<!doctype html><html lang=\"nb\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + Encode.forHtml(title) + "</title></head>"
                + "<body><main><h1>" + Encode.forHtml(title) + "</h1>" + content + "</main></body></html>";
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    values.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException ignored) {
                    // a malformed pair is dropped
                }
            }
        }
        return values;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void json(HttpExchange exchange, int status, Object value) throws IOException {
        send(exchange, status, "application/json", Json.write(value));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", contentType);
        exchange.getResponseHeaders().set("referrer-policy", "no-referrer");
        exchange.getResponseHeaders().set("x-frame-options", "DENY");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
