package no.nabolag.core.device;

import java.util.Optional;

/** Apps by id: the default app and the apps municipalities brought (CatalogTable {@code APP#<appId>}). */
public interface AppDirectory {
    /** The app, or empty when no such app exists or it was retired. */
    Optional<AppPlatforms> find(String appId);
}
