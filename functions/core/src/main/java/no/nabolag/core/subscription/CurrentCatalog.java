package no.nabolag.core.subscription;

import java.util.Collection;
import no.nabolag.core.catalog.Catalog;

/**
 * The catalog as stored now (strongly consistent reads), for the districts a subscription names: subscription writes
 * check against it, not against the per-container cache, so a district or category retired seconds ago cannot be
 * chosen (a device following it would block the district's retirement).
 */
public interface CurrentCatalog {
    /** The tenants of these districts, with their districts and categories; unknown districts are simply absent. */
    Catalog forDistricts(Collection<String> districtIds);
}
