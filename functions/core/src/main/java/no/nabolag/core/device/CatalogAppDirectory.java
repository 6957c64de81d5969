package no.nabolag.core.device;

import java.util.Optional;
import no.nabolag.core.catalog.App;
import no.nabolag.core.catalog.CatalogStore;

/**
 * Apps as the catalog holds them (CatalogTable {@code TENANT#<tenantId>}/{@code APP#<appId>}, loaded with the rest of
 * the catalog and cached per container like it), and the deployment's default app, whose applications are the
 * template parameters. A retired app is no app: a registration naming it is refused, and its devices' endpoints are
 * not made.
 */
public final class CatalogAppDirectory implements AppDirectory {
    private final CatalogStore catalog;
    private final AppPlatforms defaultApp;

    public CatalogAppDirectory(CatalogStore catalog, AppPlatforms defaultApp) {
        this.catalog = catalog;
        this.defaultApp = defaultApp;
    }

    @Override
    public Optional<AppPlatforms> find(String appId) {
        if (App.DEFAULT_ID.equals(appId)) {
            return Optional.of(defaultApp);
        }
        return catalog.load().activeApp(appId).map(AppPlatforms::of);
    }
}
