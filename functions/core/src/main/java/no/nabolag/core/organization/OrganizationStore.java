package no.nabolag.core.organization;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Organisations, their publisher links and per-link post counters (OrganizationsTable). */
public interface OrganizationStore {
    /** Stores a new organisation; fails with IllegalStateException if the id exists. */
    void create(Organization organization);

    Optional<Organization> find(String organizationId);

    List<Organization> list();

    /** Stores a new link, under its own key (for verification) and under its organisation (for listing). */
    void createLink(PublisherLink link);

    Optional<PublisherLink> findLink(String linkId);

    List<PublisherLink> links(String organizationId);

    /**
     * Moves a link's expiry to a later time (the console's "extend"); both its items. False if there is no such link,
     * it is revoked, or its expiry is already later.
     */
    boolean extendLink(String linkId, Instant expiresAt);

    /** Marks the link revoked (idempotent: the first revocation time stays). False if there is no such link. */
    boolean revokeLink(String linkId, Instant at);

    /**
     * Adds one to the counter of a link in a window if it is below the limit, atomically (a conditional update).
     *
     * @return false if the limit is reached, in which case nothing changed
     */
    boolean countIfBelow(String linkId, String window, int limit, long ttlEpochSeconds);
}
