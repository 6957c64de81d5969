package no.nabolag.publisher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import no.nabolag.core.config.Settings;
import no.nabolag.lambda.http.web.HttpRequest;
import no.nabolag.lambda.http.web.Problem;

/**
 * Who may call /admin/v1. {@code ADMIN_AUTH=iam} (AWS): API Gateway's IAM authoriser has already checked the
 * signature, so every request that reaches the function is allowed. {@code ADMIN_AUTH=bearer} (local stack):
 * {@code Authorization: Bearer <NABOLAG_ADMIN_TOKEN>}, compared in constant time; missing gives 401, wrong 403.
 * Anything else, including a missing setting or an empty token, denies every request (fail closed).
 */
final class AdminAuth {
    private final String mode;
    private final byte[] token;

    AdminAuth(Settings settings) {
        this.mode = settings.get("ADMIN_AUTH", "bearer").toLowerCase(Locale.ROOT);
        this.token = settings.find("NABOLAG_ADMIN_TOKEN").map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    /** Throws a 401 or 403 problem unless the request may use the admin API. */
    void check(HttpRequest request) {
        if (mode.equals("iam")) {
            return;
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
    }
}
