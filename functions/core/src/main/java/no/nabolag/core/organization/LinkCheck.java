package no.nabolag.core.organization;

/** The outcome of checking a publisher-link token: usable, or why not. */
public sealed interface LinkCheck {
    /** The link verifies, exists, is not revoked and has not expired. */
    record Valid(PublisherLink link, Organization organization) implements LinkCheck {
    }

    /** Tampered with, unknown, or not matching its record: nothing about it is trusted. */
    record Invalid() implements LinkCheck {
    }

    /** Revoked by the communication team. */
    record Revoked(Organization organization) implements LinkCheck {
    }

    /** Genuine but past its expiry. */
    record Expired(Organization organization) implements LinkCheck {
    }
}
