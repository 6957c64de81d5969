package no.nabolag.lambda.http.web;

import java.util.List;
import no.nabolag.core.error.ConflictException;
import no.nabolag.core.error.DomainException;
import no.nabolag.core.error.FieldError;
import no.nabolag.core.error.InvalidInputException;
import no.nabolag.core.error.NotFoundException;
import no.nabolag.core.error.UnauthorizedException;
import no.nabolag.core.error.UnavailableException;

/**
 * An RFC 9457 problem detail, the body of every API error (application/problem+json).
 * The domain throws typed {@link DomainException}s, which {@link #from(RuntimeException)} maps here, in one place;
 * HTTP-only refusals (a bad body, a missing admin token) are thrown as {@link ProblemException}. The router renders
 * both, once; the console and publisher forms render the same problem as a page.
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

    public static Problem unavailable(String detail) {
        return of(503, "unavailable", "Service unavailable", detail);
    }

    public static Problem internal() {
        return of(500, "internal", "Internal error", "Something went wrong on our side; it has been logged");
    }

    /**
     * The problem a refused request answers with: the domain's refusals by kind, a {@link ProblemException}'s own
     * problem, and for anything else the 500 that hides the cause (it is logged by whoever caught it).
     */
    public static Problem from(RuntimeException e) {
        if (e instanceof ProblemException problem) {
            return problem.problem();
        }
        if (e instanceof InvalidInputException invalid) {
            return validation(invalid.errors());
        }
        if (e instanceof UnauthorizedException) {
            return unauthorized(e.getMessage());
        }
        if (e instanceof NotFoundException) {
            return notFound(e.getMessage());
        }
        if (e instanceof ConflictException) {
            return conflict(e.getMessage());
        }
        if (e instanceof UnavailableException) {
            return unavailable(e.getMessage());
        }
        return internal();
    }

    /** The answer to a refused request: its problem, with Retry-After when the refusal says when to try again. */
    public static HttpResponse respond(RuntimeException e) {
        HttpResponse response = from(e).toResponse();
        return e instanceof UnavailableException unavailable
                ? response.withHeader("retry-after", Integer.toString(unavailable.retryAfterSeconds())) : response;
    }

    public HttpResponse toResponse() {
        return HttpResponse.of(status, HttpResponse.PROBLEM_JSON, no.nabolag.core.json.Json.write(this));
    }

    public ProblemException exception() {
        return new ProblemException(this);
    }
}
