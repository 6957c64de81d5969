package no.nabolag.core.organization;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/** Issues, checks and revokes publisher links. URLs come from the configured public base URL, never a Host header. */
public final class PublisherLinks {
    public static final int MIN_VALID_DAYS = 1;
    public static final int MAX_VALID_DAYS = 365;

    private final OrganizationStore store;
    private final LinkTokens tokens;
    private final String publicBaseUrl;
    private final Clock clock;

    public PublisherLinks(OrganizationStore store, LinkTokens tokens, String publicBaseUrl, Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.publicBaseUrl = publicBaseUrl.endsWith("/")
                ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        this.clock = clock;
    }

    /** Issues a link for an existing organisation; empty if there is no such organisation. */
    public Optional<IssuedLink> issue(String organizationId, int validDays) {
        if (validDays < MIN_VALID_DAYS || validDays > MAX_VALID_DAYS) {
            throw new IllegalArgumentException("validDays must be 1 to 365");
        }
        Optional<Organization> organization = store.find(organizationId);
        if (organization.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(Duration.ofDays(validDays));
        String linkId = UUID.randomUUID().toString().replace("-", "");
        String token = tokens.sign(linkId, organizationId, expiresAt);
        PublisherLink link = new PublisherLink(linkId, organizationId, keyIdOf(token), expiresAt, now, null);
        store.createLink(link);
        return Optional.of(new IssuedLink(linkId, urlOf(token), expiresAt));
    }

    /**
     * Extends a link by some days, from its expiry or from now if it has expired, at most {@value #MAX_VALID_DAYS}
     * days ahead. The URL stays the same: the link record's expiry decides, and a token's signed expiry only has
     * to be no later than it (see {@link #check}). Empty if there is no such link or it is revoked.
     */
    public Optional<PublisherLink> extend(String linkId, int days) {
        if (days < MIN_VALID_DAYS || days > MAX_VALID_DAYS) {
            throw new IllegalArgumentException("days must be 1 to 365");
        }
        Optional<PublisherLink> link = store.findLink(linkId);
        if (link.isEmpty() || link.get().revoked()) {
            return Optional.empty();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant from = link.get().expiresAt().isAfter(now) ? link.get().expiresAt() : now;
        Instant wanted = from.plus(Duration.ofDays(days));
        Instant cap = now.plus(Duration.ofDays(MAX_VALID_DAYS));
        Instant until = wanted.isAfter(cap) ? cap : wanted;
        if (until.isAfter(link.get().expiresAt())) {
            store.extendLink(linkId, until);
        }
        return store.findLink(linkId).filter(l -> !l.revoked());
    }

    public boolean revoke(String linkId) {
        return store.revokeLink(linkId, clock.instant());
    }

    /** Revokes a link of one of the tenant's organisations; false (nothing changed) for any other link. */
    public boolean revoke(String tenantId, String linkId) {
        Optional<PublisherLink> link = store.findLink(linkId);
        if (link.isEmpty() || store.find(link.get().organizationId()).filter(o -> o.tenantId().equals(tenantId))
                .isEmpty()) {
            return false;
        }
        return store.revokeLink(linkId, clock.instant());
    }

    /** The absolute form URL of a token. */
    public String urlOf(String token) {
        return publicBaseUrl + "/p/" + token;
    }

    public String publicBaseUrl() {
        return publicBaseUrl;
    }

    /**
     * Checks a token: signature first (constant time), then the link record (exists, same organisation, an expiry no
     * earlier than the signed one, not revoked: read consistently, so a revocation works at once), then the expiry.
     */
    public LinkCheck check(String token) {
        Optional<LinkClaims> claims = tokens.verify(token);
        if (claims.isEmpty()) {
            return new LinkCheck.Invalid();
        }
        LinkClaims c = claims.get();
        Optional<PublisherLink> link = store.findLink(c.linkId());
        // The record's expiry decides: it equals the signed one, or is later once the link was extended.
        if (link.isEmpty() || !link.get().organizationId().equals(c.organizationId())
                || c.expiresAt().isAfter(link.get().expiresAt())) {
            return new LinkCheck.Invalid();
        }
        Optional<Organization> organization = store.find(c.organizationId());
        if (organization.isEmpty()) {
            return new LinkCheck.Invalid();
        }
        if (link.get().revoked()) {
            return new LinkCheck.Revoked(organization.get());
        }
        if (link.get().expiredAt(clock.instant())) {
            return new LinkCheck.Expired(organization.get());
        }
        return new LinkCheck.Valid(link.get(), organization.get());
    }

    private String keyIdOf(String token) {
        return tokens.verify(token).map(LinkClaims::keyId).orElseThrow();
    }
}
