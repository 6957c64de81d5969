package no.nabolag.core.device;

import java.util.Optional;

/**
 * One device record per push endpoint: for each (app, platform, token) the one device that owns the token's SNS
 * endpoint (DevicesTable items {@code TOKEN#...}, docs/data-model.md). Among devices that registered the same token,
 * the one that got it last owns it; the others are retired. The item is also the lock of the endpoint's life: an
 * endpoint is deleted only by the owner's release, which first marks the item as releasing so that nobody claims the
 * token (and reuses the endpoint being deleted) meanwhile.
 */
public interface EndpointOwnership {
    /** The owner of a token: its device, since when it holds the token, its endpoint once created. */
    record Owner(String key, String deviceId, String since, String endpointArn, boolean releasing) {
    }

    /** What a claim found. */
    sealed interface Claim permits Claimed, HeldByNewer, BeingReleased {
    }

    /** The device owns the token now; {@code previous} is who owned it before (maybe itself), if anyone. */
    record Claimed(Optional<Owner> previous) implements Claim {
    }

    /** A device that got the token later than this one owns it: this device is the stale record. */
    record HeldByNewer(Owner owner) implements Claim {
    }

    /** The owner is being erased and its endpoint deleted: claim again in a moment. */
    record BeingReleased() implements Claim {
    }

    Optional<Owner> find(String key);

    /**
     * Claims the token for the device that holds it since {@code since} (an ISO instant), unless a device that got
     * it later owns it or its release is under way. Idempotent for the owner.
     */
    Claim claim(String key, String deviceId, String since);

    /** Records the endpoint of a token the device owns; false when the device no longer owns it or it is released. */
    boolean recordEndpoint(String key, String deviceId, String endpointArn);

    /**
     * Starts releasing the device's ownership: marks the item releasing and returns it (with the endpoint to delete).
     * Empty when the device does not own the token (someone else does, or nobody).
     */
    Optional<Owner> beginRelease(String key, String deviceId);

    /** Deletes the item of a release the device began. */
    void finishRelease(String key, String deviceId);

    /** Deletes an ownership item whose owner device no longer exists (the sweep's clean-up). */
    void forget(Owner orphan);
}
