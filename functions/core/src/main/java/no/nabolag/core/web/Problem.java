package no.nabolag.core.web;

import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every API error (application/problem+json).
 * Thrown as {@link ProblemException} from the domain and rendered once, by the router.
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    private static final String TYPE_BASE = "https://nabolag.no/problems/";

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null);
    }

    public static Problem validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new Problem(TYPE_BASE + "validation", "Invalid request", 400, detail, errors);
    }

    public static Problem badRequest(String detail) {
        return of(400, "bad-request", "Bad request", detail);
    }

    public static Problem unauthorized(String detail) {
        return of(401, "unauthorized", "Unauthorized", detail);
    }

    public static Problem forbidden(String detail) {
        return of(403, "forbidden", "Forbidden", detail);
    }

    public static Problem notFound(String detail) {
        return of(404, "not-found", "Not found", detail);
    }

    public static Problem conflict(String detail) {
        return of(409, "conflict", "Conflict", detail);
    }

    public static Problem payloadTooLarge(int limitBytes) {
        return of(413, "payload-too-large", "Payload too large", "The body is larger than " + limitBytes + " bytes");
    }

    public static Problem tooManyRequests(String detail) {
        return of(429, "too-many-requests", "Too many requests", detail);
    }

    public static Problem internal() {
        return of(500, "internal", "Internal error", "Something went wrong on our side; it has been logged");
    }

    public HttpResponse toResponse() {
        return HttpResponse.of(status, HttpResponse.PROBLEM_JSON, no.nabolag.core.json.Json.write(this));
    }

    public ProblemException exception() {
        return new ProblemException(this);
    }
}
