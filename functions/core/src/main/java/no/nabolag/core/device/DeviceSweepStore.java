package no.nabolag.core.device;

import java.util.List;
import java.util.Optional;

/** The whole DevicesTable, page by page, for the sweep; and where the last run stopped (so runs resume). */
public interface DeviceSweepStore {
    /** @param next where the following page starts; null after the last page */
    record Page(List<Device> devices, List<EndpointOwnership.Owner> owners, String next) {
    }

    /** @param from the previous page's next, or null for the first page */
    Page page(String from, int limit);

    /** Where the last run stopped; empty when a new pass starts. */
    Optional<String> position();

    /** Saves where this run stopped; null when the pass is complete. */
    void savePosition(String position);
}
