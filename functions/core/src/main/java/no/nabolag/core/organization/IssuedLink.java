package no.nabolag.core.organization;

import java.time.Instant;

/** A newly issued publisher link: its id, absolute URL (from PUBLIC_BASE_URL) and expiry. */
public record IssuedLink(String linkId, String url, Instant expiresAt) {
}
