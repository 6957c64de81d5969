package no.nabolag.console;

import java.util.Map;
import no.nabolag.console.web.Gate;
import no.nabolag.console.web.Html;
import no.nabolag.console.web.PageContext;
import no.nabolag.console.web.Templates;
import no.nabolag.core.catalog.Catalog;
import no.nabolag.core.web.HttpResponse;
import no.nabolag.core.web.Router;

/**
 * The catalog of the administrator's tenant: its districts and categories with their names. Read-only for now:
 * core has a catalog read model (CatalogStore) but no catalog administration service yet (issue 7), and the console
 * does not write CatalogTable behind the domain's back.
 */
final class CatalogPages {
    private final ConsoleServices services;
    private final Gate gate;
    private final Templates templates;

    CatalogPages(ConsoleServices services, Gate gate, Templates templates) {
        this.services = services;
        this.gate = gate;
        this.templates = templates;
    }

    void register(Router router) {
        router.route("GET /console/catalog", gate.page(this::show));
    }

    private HttpResponse show(PageContext context) {
        Catalog catalog = services.catalog().load();
        String tenantId = context.request().queryParameter("tenant")
                .filter(context.access()::canManageCatalog)
                .orElse(context.session().member().adminTenants().stream().sorted().findFirst().orElse(null));
        if (tenantId == null || !context.access().canManageCatalog(tenantId)) {
            throw gate.fail(context, 403, "error_403");
        }
        Map<String, Object> scope = context.scope("catalog_title");
        scope.put("tenantName", catalog.tenant(tenantId).map(t -> t.name()).orElse(tenantId));
        scope.put("districts", catalog.activeDistricts(tenantId).stream().map(d -> Map.of("id", d.districtId(),
                "nb", d.name("nb"), "en", d.name("en"))).toList());
        scope.put("categories", catalog.activeCategories(tenantId).stream().map(c -> Map.of("id", c.categoryId(),
                "nb", c.name("nb", "nb"), "en", c.name("en", "nb"), "order", c.order())).toList());
        return Html.page(200, templates.render("catalog", scope));
    }
}
