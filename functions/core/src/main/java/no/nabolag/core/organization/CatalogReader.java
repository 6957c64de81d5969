package no.nabolag.core.organization;

import java.util.Optional;

/** Reads a tenant's catalog (tenant item, districts, categories). */
public interface CatalogReader {
    /** The tenant's catalog; empty if there is no such tenant. */
    Optional<TenantCatalog> tenant(String tenantId);
}
