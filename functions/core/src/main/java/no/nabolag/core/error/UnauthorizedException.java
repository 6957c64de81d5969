package no.nabolag.core.error;

/** The caller did not prove who it is (a missing or wrong credential). */
public final class UnauthorizedException extends DomainException {
    public UnauthorizedException(String detail) {
        super(detail);
    }
}
