package no.nabolag.console.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdClaims;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdTokenResponse;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nabolag.console.ConsoleSettings;
import no.nabolag.console.auth.Member;
import org.reactivestreams.Publisher;

/**
 * Turns a validated ID token into the console session's contents: the member's roles from the {@code cognito:groups}
 * claim (only the console's own groups, tenant-admin-* and editor-*), a display name, and a fresh CSRF token that
 * the session carries. Nothing else of the ID token is copied into the session (not its issuer, audience or expiry).
 * Someone without a console group is refused here, so they never get a session.
 */
@Singleton
@Named(ConsoleSettings.PROVIDER)
@Requires(property = "nabolag.console.configured", value = "true")
public final class CognitoMembers implements OpenIdAuthenticationMapper {
    public static final String GROUPS = "cognito:groups";
    public static final String NO_ROLE = "no console role";
    public static final String CSRF = "csrf";
    public static final String NAME = "name";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Publisher<AuthenticationResponse> createAuthenticationResponse(String providerName,
            OpenIdTokenResponse tokenResponse, OpenIdClaims claims, State state) {
        Member member = Member.fromGroups(claims.getSubject(), displayName(claims), groups(claims.get(GROUPS)));
        if (!member.hasAnyRole()) {
            return Publishers.just(AuthenticationResponse.failure(NO_ROLE));
        }
        List<String> roles = new ArrayList<>();
        member.adminTenants().forEach(t -> roles.add(Member.ADMIN_PREFIX + t));
        member.editorDistricts().forEach(d -> roles.add(Member.EDITOR_PREFIX + d));
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(TokenRules.TOKEN_USE, TokenRules.SESSION);
        attributes.put(NAME, member.name());
        attributes.put(CSRF, randomToken());
        return Publishers.just(AuthenticationResponse.success(member.subject(), roles, attributes));
    }

    /** 32 random bytes, URL-safe base64: CSRF tokens and form ids. */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String displayName(OpenIdClaims claims) {
        for (Object value : List.of(nonNull(claims.get("name")), nonNull(claims.get("email")),
                nonNull(claims.get("cognito:username")), nonNull(claims.getSubject()))) {
            if (value instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return "";
    }

    private static Object nonNull(Object value) {
        return value == null ? "" : value;
    }

    static List<String> groups(Object claim) {
        List<String> groups = new ArrayList<>();
        if (claim instanceof Iterable<?> values) {
            values.forEach(v -> groups.add(String.valueOf(v)));
        } else if (claim instanceof String single) {
            groups.add(single);
        }
        return groups;
    }
}
