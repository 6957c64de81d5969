package no.nabolag.coldstart;

import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nabolag.console.ConsoleSettings;
import no.nabolag.console.security.SessionSignature;
import no.nabolag.core.json.Json;
import no.nabolag.core.security.SigningKeys;

/** Session cookies of an editor of Frogner, as each console signs them, so the benchmark measures a signed-in page. */
final class ConsoleSessions {
    private ConsoleSessions() {
    }

    /** The Micronaut console's session: a JWT (HS256 with the deployment's keys) as Micronaut Security issues it. */
    static String micronaut(SigningKeys keys) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ConsoleSettings.SESSION_ISSUER).subject("bench-editor")
                .claim("token_use", "session").claim("name", "Bench Editor").claim("csrf", "bench")
                .claim("cognito:groups", List.of("editor-frogner")).claim("rolesKey", "cognito:groups")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                .build();
        try {
            return ConsoleSettings.SESSION_COOKIE + "=" + new SessionSignature(keys).sign(claims).serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hand-written console's session: v1.session.keyId.payload.HMAC (its former SessionCookie format). */
    static String handWritten(SigningKeys keys) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        Map<String, Object> payload = new LinkedHashMap<>();
        long now = Instant.now().getEpochSecond();
        payload.put("sub", "bench-editor");
        payload.put("name", "Bench Editor");
        payload.put("admin", List.of());
        payload.put("editor", List.of("frogner"));
        payload.put("csrf", "bench");
        payload.put("iat", now);
        payload.put("exp", now + 3600);
        String body = b64.encodeToString(Json.write(payload).getBytes(StandardCharsets.UTF_8));
        String keyId = keys.currentKeyId();
        String signature = b64.encodeToString(keys.sign("nabolag-console-cookie|session|" + keyId + "|" + body));
        return "nabolag_console=v1.session." + keyId + "." + body + "." + signature;
    }
}
