package no.nabolag.core.error;

/**
 * A service the request needs is busy or failing right now (SNS throttling, an AWS server error): nothing was
 * changed, and the same request succeeds later. Answered 503 with Retry-After.
 */
public final class UnavailableException extends DomainException {
    private final int retryAfterSeconds;

    public UnavailableException(String detail, int retryAfterSeconds) {
        super(detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** When to try again. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
