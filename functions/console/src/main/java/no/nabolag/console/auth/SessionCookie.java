package no.nabolag.console.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import no.nabolag.core.json.Json;
import no.nabolag.core.security.Base64Url;
import no.nabolag.core.security.SigningKeys;

/**
 * The console's one cookie, {@value #NAME}: HttpOnly, SameSite=Lax, Path=/console, Secure except on a plain-http
 * loopback base URL. It holds either a sign-in in progress ({@link LoginAttempt}, 10 minutes) or a session
 * ({@link Session}, {@link #SESSION_LIFETIME}), as {@code v1.<kind>.<keyId>.<payload>.<hmac>}: the payload is
 * base64url JSON, the HMAC-SHA256 is made with core {@link SigningKeys} (rotation by key id) over a message that
 * names this purpose, so no other signed value of Nabolag can pass for it. One cookie instead of two because
 * a Lambda response here carries one Set-Cookie header.
 *
 * <p>Sessions are stateless: sign-out clears the cookie in the browser, and every session ends at its expiry.
 * A copied cookie stays valid until then (a server-side deny list would close that; not built).
 */
public final class SessionCookie {
    public static final String NAME = "nabolag_console";
    public static final Duration SESSION_LIFETIME = Duration.ofHours(8);
    public static final Duration LOGIN_LIFETIME = Duration.ofMinutes(10);
    private static final String PURPOSE = "nabolag-console-cookie";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SigningKeys keys;
    private final boolean secure;

    public SessionCookie(SigningKeys keys, boolean secure) {
        this.keys = keys;
        this.secure = secure;
    }

    public String encodeSession(Session session) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sub", session.member().subject());
        payload.put("name", session.member().name());
        payload.put("admin", new TreeSet<>(session.member().adminTenants()));
        payload.put("editor", new TreeSet<>(session.member().editorDistricts()));
        payload.put("csrf", session.csrfToken());
        payload.put("iat", session.issuedAt().getEpochSecond());
        payload.put("exp", session.expiresAt().getEpochSecond());
        return sign("session", payload);
    }

    public String encodeLogin(LoginAttempt login) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("state", login.state());
        payload.put("nonce", login.nonce());
        payload.put("verifier", login.codeVerifier());
        payload.put("returnTo", login.returnTo());
        payload.put("exp", login.expiresAt().getEpochSecond());
        return sign("login", payload);
    }

    /** The session in the request's cookie header, if its signature holds and it has not expired. */
    public Optional<Session> session(Optional<String> cookieHeader, Instant now) {
        return read(cookieHeader, "session").flatMap(json -> {
            Instant expiresAt = Instant.ofEpochSecond(json.path("exp").asLong(0));
            Member member = new Member(json.path("sub").asText(), json.path("name").asText(),
                    new TreeSet<>(strings(json.path("admin"))), new TreeSet<>(strings(json.path("editor"))));
            Session session = new Session(member, json.path("csrf").asText(),
                    Instant.ofEpochSecond(json.path("iat").asLong(0)), expiresAt);
            return session.isExpired(now) || session.csrfToken().isEmpty() ? Optional.empty() : Optional.of(session);
        });
    }

    public Optional<LoginAttempt> login(Optional<String> cookieHeader, Instant now) {
        return read(cookieHeader, "login").flatMap(json -> {
            Instant expiresAt = Instant.ofEpochSecond(json.path("exp").asLong(0));
            if (!now.isBefore(expiresAt)) {
                return Optional.empty();
            }
            return Optional.of(new LoginAttempt(json.path("state").asText(), json.path("nonce").asText(),
                    json.path("verifier").asText(), json.path("returnTo").asText("/console"), expiresAt));
        });
    }

    /** The Set-Cookie value for a cookie value that lives for the given time. */
    public String setCookie(String value, Duration maxAge) {
        return NAME + "=" + value + "; Path=/console; Max-Age=" + maxAge.toSeconds() + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }

    /** The Set-Cookie value that removes the cookie (sign-out). */
    public String clearCookie() {
        return NAME + "=; Path=/console; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    private String sign(String kind, Map<String, Object> payload) {
        String body = B64.encodeToString(Json.write(payload).getBytes(StandardCharsets.UTF_8));
        String keyId = keys.currentKeyId();
        return "v1." + kind + "." + keyId + "." + body + "." + B64.encodeToString(keys.sign(message(kind, keyId, body)));
    }

    private Optional<JsonNode> read(Optional<String> cookieHeader, String kind) {
        Optional<String> value = cookieHeader.flatMap(SessionCookie::cookieValue);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = value.get().split("\\.", -1);
        if (parts.length != 5 || !parts[0].equals("v1") || !parts[1].equals(kind)) {
            return Optional.empty();
        }
        try {
            // Canonical base64url only (Base64Url): one session has one cookie spelling.
            if (!keys.verify(parts[2], message(kind, parts[2], parts[3]), parts[4])) {
                return Optional.empty();
            }
            Optional<byte[]> payload = Base64Url.decode(parts[3]);
            return payload.isEmpty() ? Optional.empty()
                    : Optional.of(Json.readTree(new String(payload.get(), StandardCharsets.UTF_8)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String message(String kind, String keyId, String body) {
        return PURPOSE + "|" + kind + "|" + keyId + "|" + body;
    }

    static Optional<String> cookieValue(String header) {
        for (String pair : header.split(";")) {
            String trimmed = pair.trim();
            if (trimmed.startsWith(NAME + "=")) {
                String value = trimmed.substring(NAME.length() + 1);
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }
}
