package no.nabolag.publisher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import no.nabolag.core.config.Settings;
import no.nabolag.lambda.http.web.HttpRequest;
import no.nabolag.lambda.http.web.Problem;

/**
 * Who may call /admin/v1, and who they are. {@code ADMIN_AUTH=iam} (AWS): API Gateway's IAM authoriser has already
 * checked the signature and the caller's policy (which may confine it to one tenant's paths), so a request that
 * reaches the function with the authoriser's caller ARN is allowed, as that ARN. {@code ADMIN_AUTH=bearer} (local
 * stack): {@code Authorization: Bearer <NABOLAG_ADMIN_TOKEN>}, compared in constant time; missing gives 401, wrong
 * 403; the caller is {@value #LOCAL_CALLER}. Anything else, including a missing setting or an empty token, denies
 * every request (fail closed).
 */
final class AdminAuth {
    /** The caller recorded (e.g. as a moderator) for requests with the local bearer token. */
    static final String LOCAL_CALLER = "local:admin";
    private final String mode;
    private final byte[] token;

    AdminAuth(Settings settings) {
        this.mode = settings.get("ADMIN_AUTH", "bearer").toLowerCase(Locale.ROOT);
        this.token = settings.find("NABOLAG_ADMIN_TOKEN").map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    /**
     * Throws a 401 or 403 problem unless the request may use the admin API.
     *
     * @return the caller: the IAM caller's ARN, or {@value #LOCAL_CALLER} with the local bearer token
     */
    String check(HttpRequest request) {
        if (mode.equals("iam")) {
            String caller = request.callerArn();
            if (caller == null || caller.isBlank()) {
                throw Problem.forbidden("The admin API needs IAM authorisation").exception();
            }
            return caller;
        }
        if (!mode.equals("bearer")) {
            throw Problem.forbidden("The admin API is not configured (ADMIN_AUTH)").exception();
        }
        Optional<String> header = request.header("authorization");
        if (header.isEmpty() || header.get().isBlank()) {
            throw Problem.unauthorized("Send Authorization: Bearer <admin token>").exception();
        }
        String value = header.get().strip();
        if (token == null || token.length == 0 || value.length() < 7
                || !value.substring(0, 7).equalsIgnoreCase("bearer ")) {
            throw Problem.forbidden("Not allowed").exception();
        }
        byte[] presented = value.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        // MessageDigest.isEqual is constant-time in the content (JDK 6u17+); only the length may leak.
        if (!MessageDigest.isEqual(token, presented)) {
            throw Problem.forbidden("Not allowed").exception();
        }
        return LOCAL_CALLER;
    }
}
