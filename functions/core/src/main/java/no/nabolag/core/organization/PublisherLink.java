package no.nabolag.core.organization;

import java.time.Instant;

/**
 * A signed link that lets an organisation publish through the web form until it expires or is revoked.
 * The link record is the revocation list: a token whose record is missing or revoked never works.
 */
public record PublisherLink(
        String linkId,
        String organizationId,
        String keyId,
        Instant expiresAt,
        Instant createdAt,
        Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
