package no.nabolag.core.organization;

import java.time.Instant;

/** What a publisher-link token says, once its signature has been checked. */
public record LinkClaims(String linkId, String organizationId, Instant expiresAt, String keyId) {
}
