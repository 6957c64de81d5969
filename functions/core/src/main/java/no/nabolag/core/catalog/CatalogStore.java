package no.nabolag.core.catalog;

/** Reads the whole catalog (tenants, districts, categories). */
public interface CatalogStore {
    Catalog load();
}
