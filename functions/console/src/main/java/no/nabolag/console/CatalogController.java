package no.nabolag.console;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nabolag.console.web.PageContext;
import no.nabolag.console.web.Pages;
import no.nabolag.core.catalog.CatalogAdmin;
import no.nabolag.core.catalog.CatalogWriter;
import no.nabolag.core.catalog.Category;
import no.nabolag.core.catalog.District;
import no.nabolag.core.error.DomainException;
import no.nabolag.core.error.FieldError;
import no.nabolag.core.log.JsonLog;
import no.nabolag.lambda.http.web.FormData;
import no.nabolag.lambda.http.web.Problem;
import no.nabolag.lambda.http.web.ProblemException;

/**
 * The catalog of the administrator's tenant, through core {@code CatalogAdmin} (the rules the admin API applies):
 * add or rename districts, add or change categories, retire a category. Retiring a district is left to the admin
 * API, which knows whether anyone follows it. Read directly (not from the per-container cache), so a change shows at once.
 */
@Controller("/console")
@Produces("text/html")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(property = "nabolag.console.configured", value = "true")
public class CatalogController {
    private static final JsonLog LOG = JsonLog.forClass(CatalogController.class);
    private final ConsoleServices services;
    private final Pages pages;

    public CatalogController(ConsoleServices services, Pages pages) {
        this.services = services;
        this.pages = pages;
    }

    private String tenantOf(PageContext context, String asked) {
        String tenantId = asked != null && !asked.isEmpty() ? asked
                : context.member().adminTenants().stream().sorted().findFirst().orElse(null);
        if (tenantId == null || !context.access().canManageCatalog(tenantId)) {
            throw context.fail(403, "error_403");
        }
        return tenantId;
    }

    @Get("/catalog")
    public MutableHttpResponse<?> show(PageContext context) {
        return show(context, 200, List.of());
    }

    private MutableHttpResponse<?> show(PageContext context, int status, List<String> errors) {
        String tenantId = tenantOf(context, context.form().get("tenantId")
                .orElse(context.query("tenant").orElse(null)));
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
        if ("saved".equals(context.query("done").orElse(""))) {
            scope.put("notice", context.text("catalog_saved_notice"));
        }
        return pages.page(context.request(), status, "catalog", scope);
    }

    @io.micronaut.http.annotation.Post("/catalog/districts")
    public MutableHttpResponse<?> putDistrict(PageContext context) {
        FormData form = context.form();
        String tenantId = tenantOf(context, form.text("tenantId"));
        return saving(context, () -> services.catalogAdmin().putDistrict(tenantId, form.text("id"),
                new CatalogAdmin.DistrictInput(form.text("nameNb"), names(form))));
    }

    @io.micronaut.http.annotation.Post("/catalog/categories")
    public MutableHttpResponse<?> putCategory(PageContext context) {
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

    @io.micronaut.http.annotation.Post("/catalog/categories/{categoryId}/retire")
    public MutableHttpResponse<?> retireCategory(PageContext context, @PathVariable String categoryId) {
        String tenantId = tenantOf(context, context.form().text("tenantId"));
        return saving(context, () -> services.catalogAdmin().retireCategory(tenantId,
                categoryId));
    }

    private MutableHttpResponse<?> saving(PageContext context, Runnable change) {
        try {
            change.run();
        } catch (ProblemException | DomainException e) {
            Problem problem = Problem.from(e);
            List<String> errors = problem.errors() == null ? List.of(problem.detail())
                    : problem.errors().stream().map(CatalogController::describe).toList();
            return show(context, problem.status(), errors);
        }
        LOG.info("catalog changed from the console", Map.of("path", context.request().getPath()));
        return pages.redirect("/console/catalog?done=saved");
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
