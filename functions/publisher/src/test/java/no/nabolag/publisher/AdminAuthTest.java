package no.nabolag.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import no.nabolag.core.config.Settings;
import no.nabolag.lambda.http.web.HttpRequest;
import no.nabolag.lambda.http.web.ProblemException;
import org.junit.jupiter.api.Test;

class AdminAuthTest {
    private static final AdminAuth BEARER = new AdminAuth(Settings.of(Map.of("ADMIN_AUTH", "bearer",
            "NABOLAG_ADMIN_TOKEN", "s3cret-token")));

    @Test
    void bearerTokenMustMatch() {
        assertThatCode(() -> BEARER.check(request("Bearer s3cret-token"))).doesNotThrowAnyException();
        assertThatCode(() -> BEARER.check(request("bearer s3cret-token"))).doesNotThrowAnyException();
        assertStatus(BEARER, request(null), 401);
        assertStatus(BEARER, request("Bearer wrong"), 403);
        assertStatus(BEARER, request("Bearer s3cret-token-and-more"), 403);
        assertStatus(BEARER, request("Basic czNjcmV0"), 403);
        assertStatus(BEARER, request("s3cret-token"), 403);
    }

    @Test
    void withoutAConfiguredTokenEverythingIsDenied() {
        AdminAuth none = new AdminAuth(Settings.of(Map.of("ADMIN_AUTH", "bearer")));
        assertStatus(none, request(null), 401);
        assertStatus(none, request("Bearer anything"), 403);
        AdminAuth unknownMode = new AdminAuth(Settings.of(Map.of("ADMIN_AUTH", "open", "NABOLAG_ADMIN_TOKEN", "t")));
        assertStatus(unknownMode, request("Bearer t"), 403);
    }

    @Test
    void iamModeTrustsApiGatewaysAuthoriserAndTheCallerIsItsArn() {
        AdminAuth iam = new AdminAuth(Settings.of(Map.of("ADMIN_AUTH", "iam")));
        HttpRequest signed = new HttpRequest("GET", "/admin/v1/tenants/oslo/posts", "GET /admin/v1/tenants/{tenantId}/posts",
                Map.of("tenantId", "oslo"), Map.of(), Map.of(), "", "127.0.0.1",
                "arn:aws:sts::123456789012:assumed-role/oslo-desk/kari");

        assertThat(iam.check(signed)).isEqualTo("arn:aws:sts::123456789012:assumed-role/oslo-desk/kari");
        assertStatus(iam, request(null), 403);
    }

    @Test
    void theLocalBearerTokensCallerIsLocalAdmin() {
        assertThat(BEARER.check(request("Bearer s3cret-token"))).isEqualTo("local:admin");
    }

    private static void assertStatus(AdminAuth auth, HttpRequest request, int status) {
        assertThatThrownBy(() -> auth.check(request)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().status()).isEqualTo(status));
    }

    private static HttpRequest request(String authorization) {
        return new HttpRequest("GET", "/admin/v1/organizations", "GET /admin/v1/organizations", Map.of(), Map.of(),
                authorization == null ? Map.of() : Map.of("authorization", authorization), "", "127.0.0.1");
    }
}
