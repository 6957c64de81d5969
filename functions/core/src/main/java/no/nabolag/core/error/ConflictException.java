package no.nabolag.core.error;

/** The request clashes with the current state (e.g. a post that is no longer pending). */
public final class ConflictException extends DomainException {
    public ConflictException(String detail) {
        super(detail);
    }
}
