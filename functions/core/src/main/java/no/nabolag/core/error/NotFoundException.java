package no.nabolag.core.error;

/** The thing asked for does not exist (or is not the caller's to see). */
public final class NotFoundException extends DomainException {
    public NotFoundException(String detail) {
        super(detail);
    }
}
