package no.nabolag.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nabolag.console.web.Gate;
import no.nabolag.console.web.Html;
import no.nabolag.console.web.PageContext;
import no.nabolag.console.web.Templates;
import no.nabolag.core.catalog.CatalogAdmin;
import no.nabolag.core.catalog.CatalogWriter;
import no.nabolag.core.catalog.Category;
import no.nabolag.core.catalog.District;
import no.nabolag.core.error.DomainException;
import no.nabolag.core.error.FieldError;
import no.nabolag.core.log.JsonLog;
import no.nabolag.lambda.http.web.FormData;
import no.nabolag.lambda.http.web.HttpResponse;
import no.nabolag.lambda.http.web.Problem;
import no.nabolag.lambda.http.web.ProblemException;
import no.nabolag.lambda.http.web.Router;

/**
 * The catalog of the administrator's tenant, through core {@code CatalogAdmin} (the rules the admin API applies):
 * add or rename districts, add or change categories, retire a category. Retiring a district is left to the admin
 * API, which knows whether anyone follows it. Read directly (not from the per-container cache), so a change shows at once.
 */
final class CatalogPages {
    private static final JsonLog LOG = JsonLog.forClass(CatalogPages.class);
    private final ConsoleServices services;
    private final Gate gate;
    private final Templates templates;

    CatalogPages(ConsoleServices services, Gate gate, Templates templates) {
        this.services = services;
        this.gate = gate;
        this.templates = templates;
    }

    void register(Router router) {
        router.route("GET /console/catalog", gate.page(context -> show(context, 200, List.of())))
                .route("POST /console/catalog/districts", gate.action(this::putDistrict))
                .route("POST /console/catalog/categories", gate.action(this::putCategory))
                .route("POST /console/catalog/categories/{categoryId}/retire", gate.action(this::retireCategory));
    }

    private String tenantOf(PageContext context, String asked) {
        String tenantId = asked != null && !asked.isEmpty() ? asked
                : context.session().member().adminTenants().stream().sorted().findFirst().orElse(null);
        if (tenantId == null || !context.access().canManageCatalog(tenantId)) {
            throw gate.fail(context, 403, "error_403");
        }
        return tenantId;
    }

    private HttpResponse show(PageContext context, int status, List<String> errors) {
        String tenantId = tenantOf(context, context.form().get("tenantId")
                .orElse(context.request().queryParameter("tenant").orElse(null)));
        CatalogWriter.TenantCatalog catalog = services.catalogAdmin().tenant(tenantId);
        Map<String, Object> scope = context.scope("catalog_title");
        scope.put("tenantId", tenantId);
        scope.put("tenantName", catalog.tenant().name());
        List<Map<String, Object>> districts = new ArrayList<>();
        for (District d : catalog.districts().stream().filter(d -> !d.retired())
                .sorted(Comparator.comparing(District::name)).toList()) {
            districts.add(Map.of("id", d.districtId(), "nb", d.name("nb"), "en", d.name("en")));
        }
        List<Map<String, Object>> categories = new ArrayList<>();
        for (Category c : catalog.categories().stream().filter(c -> !c.retired())
                .sorted(Comparator.comparingInt(Category::order).thenComparing(Category::categoryId)).toList()) {
            categories.add(Map.of("id", c.categoryId(), "nb", c.name("nb", "nb"), "en", c.name("en", "nb"),
                    "order", c.order()));
        }
        scope.put("districts", districts);
        scope.put("categories", categories);
        scope.put("errors", errors);
        if ("saved".equals(context.request().queryParameter("done").orElse(""))) {
            scope.put("notice", context.text("catalog_saved_notice"));
        }
        return Html.page(status, templates.render("catalog", scope));
    }

    private HttpResponse putDistrict(PageContext context) {
        FormData form = context.form();
        String tenantId = tenantOf(context, form.text("tenantId"));
        return saving(context, () -> services.catalogAdmin().putDistrict(tenantId, form.text("id"),
                new CatalogAdmin.DistrictInput(form.text("nameNb"), names(form))));
    }

    private HttpResponse putCategory(PageContext context) {
        FormData form = context.form();
        String tenantId = tenantOf(context, form.text("tenantId"));
        Integer order;
        try {
            order = form.text("order").isEmpty() ? null : Integer.valueOf(form.text("order"));
        } catch (NumberFormatException e) {
            order = -1;   // refused by CatalogAdmin with its own message
        }
        Integer finalOrder = order;
        return saving(context, () -> services.catalogAdmin().putCategory(tenantId, form.text("id"),
                new CatalogAdmin.CategoryInput(names(form), Map.of(), finalOrder)));
    }

    private HttpResponse retireCategory(PageContext context) {
        String tenantId = tenantOf(context, context.form().text("tenantId"));
        return saving(context, () -> services.catalogAdmin().retireCategory(tenantId,
                context.request().pathParameter("categoryId")));
    }

    private HttpResponse saving(PageContext context, Runnable change) {
        try {
            change.run();
        } catch (ProblemException | DomainException e) {
            Problem problem = Problem.from(e);
            List<String> errors = problem.errors() == null ? List.of(problem.detail())
                    : problem.errors().stream().map(CatalogPages::describe).toList();
            return show(context, problem.status(), errors);
        }
        LOG.info("catalog changed from the console", Map.of("route", context.request().routeKey()));
        return Html.redirect("/console/catalog?done=saved");
    }

    private static Map<String, String> names(FormData form) {
        Map<String, String> names = new LinkedHashMap<>();
        if (!form.text("nameNb").isEmpty()) {
            names.put("nb", form.text("nameNb"));
        }
        if (!form.text("nameEn").isEmpty()) {
            names.put("en", form.text("nameEn"));
        }
        return names;
    }

    private static String describe(FieldError error) {
        return error.field() + ": " + error.message();
    }
}
