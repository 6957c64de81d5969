package no.nabolag.core.organization;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A test double of OrganizationStore with the same semantics as the DynamoDB adapter. */
final class InMemoryOrganizationStore implements OrganizationStore {
    final Map<String, Organization> organizations = new ConcurrentHashMap<>();
    final Map<String, PublisherLink> links = new ConcurrentHashMap<>();
    final Map<String, Integer> counters = new ConcurrentHashMap<>();

    @Override
    public void create(Organization organization) {
        if (organizations.putIfAbsent(organization.organizationId(), organization) != null) {
            throw new IllegalStateException("exists");
        }
    }

    @Override
    public Optional<Organization> find(String organizationId) {
        return Optional.ofNullable(organizations.get(organizationId));
    }

    @Override
    public List<Organization> list() {
        return new ArrayList<>(organizations.values());
    }

    @Override
    public void createLink(PublisherLink link) {
        links.put(link.linkId(), link);
    }

    @Override
    public Optional<PublisherLink> findLink(String linkId) {
        return Optional.ofNullable(links.get(linkId));
    }

    @Override
    public List<PublisherLink> links(String organizationId) {
        return links.values().stream().filter(l -> l.organizationId().equals(organizationId)).toList();
    }

    @Override
    public boolean revokeLink(String linkId, Instant at) {
        PublisherLink l = links.get(linkId);
        if (l == null) {
            return false;
        }
        if (l.revokedAt() == null) {
            links.put(linkId, new PublisherLink(l.linkId(), l.organizationId(), l.keyId(), l.expiresAt(), l.createdAt(), at));
        }
        return true;
    }

    @Override
    public synchronized boolean extendLink(String linkId, Instant expiresAt) {
        PublisherLink l = links.get(linkId);
        if (l == null || l.revoked() || !l.expiresAt().isBefore(expiresAt)) {
            return false;
        }
        links.put(linkId, new PublisherLink(l.linkId(), l.organizationId(), l.keyId(), expiresAt, l.createdAt(), null));
        return true;
    }

    @Override
    public synchronized boolean countIfBelow(String linkId, String window, int limit, long ttlEpochSeconds) {
        String key = linkId + "/" + window;
        int count = counters.getOrDefault(key, 0);
        if (count >= limit) {
            return false;
        }
        counters.put(key, count + 1);
        return true;
    }
}
