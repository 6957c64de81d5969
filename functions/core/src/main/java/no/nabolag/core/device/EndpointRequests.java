package no.nabolag.core.device;

/** Asks the endpoint worker to create or update a device's push endpoint (EndpointQueue: {"deviceId"}). */
public interface EndpointRequests {
    /** @throws no.nabolag.core.error.UnavailableException when the request cannot be queued now */
    void request(String deviceId);
}
