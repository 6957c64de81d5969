package no.nabolag.core.delivery;

/** Marks a device whose endpoint SNS reported disabled or gone as inactive, so no worker pushes to it again. */
public interface EndpointDeactivator {
    void deactivate(String deviceId);
}
