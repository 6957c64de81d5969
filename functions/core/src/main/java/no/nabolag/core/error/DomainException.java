package no.nabolag.core.error;

/**
 * A request the domain refuses, by kind. The domain knows nothing of HTTP: lambda-http maps each kind to its
 * problem+json status, title and type in one place ({@code Problem.from}); forms render the same message.
 */
public abstract sealed class DomainException extends RuntimeException
        permits InvalidInputException, UnauthorizedException, NotFoundException, ConflictException,
        UnavailableException {

    /** @param detail what is wrong, in words fit for the caller (no secrets, no internals) */
    protected DomainException(String detail) {
        // No stack trace: these are answers, not failures, and are never logged as errors.
        super(detail, null, false, false);
    }

    /** What is wrong, for the caller. */
    public String detail() {
        return getMessage();
    }
}
