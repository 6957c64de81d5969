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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nabolag.console.chart.QrSvg;
import no.nabolag.console.web.PageContext;
import no.nabolag.console.web.Pages;
import no.nabolag.core.catalog.Catalog;
import no.nabolag.core.error.DomainException;
import no.nabolag.core.error.FieldError;
import no.nabolag.core.log.JsonLog;
import no.nabolag.core.organization.IssuedLink;
import no.nabolag.core.organization.NewOrganization;
import no.nabolag.core.organization.Organization;
import no.nabolag.core.organization.PublisherLink;
import no.nabolag.lambda.http.web.Problem;
import no.nabolag.lambda.http.web.ProblemException;

/**
 * Organisations of the member's districts: the list and the onboarding form, one organisation with its publisher
 * links (issue with copy field and QR code, extend, revoke). Onboarding, issuing and revoking go through core
 * {@code Organizations} and {@code PublisherLinks}, as the admin API does.
 */
@Controller("/console")
@Produces("text/html")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(property = "nabolag.console.configured", value = "true")
public class OrganizationController {
    private static final JsonLog LOG = JsonLog.forClass(OrganizationController.class);
    static final int DEFAULT_VALID_DAYS = 90;

    private final ConsoleServices services;
    private final Pages pages;

    public OrganizationController(ConsoleServices services, Pages pages) {
        this.services = services;
        this.pages = pages;
    }

    @Get("/organizations")
    public MutableHttpResponse<?> list(PageContext context) {
        return listPage(context, 200, null, List.of());
    }

    private MutableHttpResponse<?> listPage(PageContext context, int status, NewOrganization input, List<String> errors) {
        Catalog catalog = services.catalog().load();
        Map<String, Object> scope = context.scope("orgs_title");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Organization org : services.organizations().list()) {
            if (context.access().canSee(org.tenantId(), org.districtIds())) {
                rows.add(Map.of("id", org.organizationId(), "name", org.name(),
                        "kind", context.text("orgs_kind_" + org.kind().wire()),
                        "districts", Views.districtNames(catalog, org.districtIds(), context.lang()),
                        "trusted", context.text(org.trusted() ? "orgs_yes" : "orgs_no"),
                        "created", Views.time(org.createdAt())));
            }
        }
        scope.put("organizations", rows);
        String tenantId = Tenancy.chosen(context.member(), catalog,
                input != null ? input.tenantId() : context.query("tenant").orElse(null));
        if (tenantId != null) {
            List<String> checkedDistricts = input == null || input.districtIds() == null ? List.of() : input.districtIds();
            List<String> checkedCategories = input == null || input.categoryIds() == null ? List.of() : input.categoryIds();
            scope.put("tenantId", tenantId);
            scope.put("tenantName", catalog.tenant(tenantId).map(t -> t.name()).orElse(tenantId));
            scope.put("districtOptions", Views.districtOptions(
                    Tenancy.districts(context.member(), tenantId, catalog), checkedDistricts, context.lang()));
            scope.put("categoryOptions", Views.categoryOptions(catalog.activeCategories(tenantId), checkedCategories,
                    context.lang()));
            scope.put("name", input == null ? "" : input.name());
            scope.put("kindUnit", input == null || !"external".equals(input.kind()));
            scope.put("kindExternal", input != null && "external".equals(input.kind()));
            scope.put("trusted", input != null && Boolean.TRUE.equals(input.trusted()));
        }
        scope.put("errors", errors);
        if ("created".equals(context.query("done").orElse(""))) {
            scope.put("notice", context.text("orgs_created_notice"));
        }
        return pages.page(context.request(), status, "organizations", scope);
    }

    @io.micronaut.http.annotation.Post("/organizations")
    public MutableHttpResponse<?> onboard(PageContext context) {
        var form = context.form();
        NewOrganization input = new NewOrganization(form.text("name"), form.text("kind"), form.text("tenantId"),
                form.all("districtIds"), form.all("categoryIds"), form.checked("trusted"));
        // Without districts the domain's validation answers; with districts, they must all be the member's.
        if (!input.districtIds().isEmpty() && !context.access().canActOn(input.tenantId(), input.districtIds())) {
            LOG.warn("onboarding outside the member's districts refused", Map.of("tenantId", input.tenantId()));
            throw context.fail(403, "error_403");
        }
        try {
            Organization org = services.organizations().create(input);
            LOG.info("organisation onboarded from the console", Map.of("organizationId", org.organizationId()));
            return pages.redirect("/console/organizations/" + org.organizationId() + "?done=created");
        } catch (ProblemException | DomainException e) {
            Problem problem = Problem.from(e);
            List<String> errors = problem.errors() == null ? List.of(problem.detail())
                    : problem.errors().stream().map(OrganizationController::describe).toList();
            return listPage(context, 400, input, errors);
        }
    }

    private static String describe(FieldError error) {
        return error.field() + ": " + error.message();
    }

    private Organization visible(PageContext context, String organizationId) {
        Optional<Organization> org = services.organizations().find(organizationId);
        if (org.isEmpty() || !context.access().canSee(org.get().tenantId(), org.get().districtIds())) {
            throw context.fail(404, "error_404");
        }
        return org.get();
    }

    private Organization actionable(PageContext context, String organizationId) {
        Organization org = visible(context, organizationId);
        if (!context.access().canActOn(org.tenantId(), org.districtIds())) {
            throw context.fail(403, "error_403");
        }
        return org;
    }

    @Get("/organizations/{organizationId}")
    public MutableHttpResponse<?> show(PageContext context, @PathVariable String organizationId) {
        Organization org = visible(context, organizationId);
        return orgPage(context, org, null);
    }

    private MutableHttpResponse<?> orgPage(PageContext context, Organization org, IssuedLink issued) {
        Catalog catalog = services.catalog().load();
        Map<String, Object> scope = context.scope("orgs_title");
        scope.put("pageTitle", org.name());
        scope.put("org", Map.of("id", org.organizationId(), "name", org.name(),
                "kind", context.text("orgs_kind_" + org.kind().wire()),
                "districts", Views.districtNames(catalog, org.districtIds(), context.lang()),
                "categories", Views.categoryNames(catalog, org.tenantId(), org.categoryIds(), context.lang()),
                "trusted", context.text(org.trusted() ? "orgs_yes" : "orgs_no"),
                "created", Views.time(org.createdAt())));
        boolean canAct = context.access().canActOn(org.tenantId(), org.districtIds());
        scope.put("canAct", canAct);
        scope.put("defaultDays", DEFAULT_VALID_DAYS);
        Instant now = Instant.now();
        List<Map<String, Object>> links = new ArrayList<>();
        for (PublisherLink link : services.organizations().links(org.organizationId())) {
            Map<String, Object> row = new HashMap<>();
            row.put("linkId", link.linkId());
            row.put("created", Views.time(link.createdAt()));
            row.put("expires", Views.time(link.expiresAt()));
            String status = link.revoked() ? "revoked" : link.expiredAt(now) ? "expired" : "active";
            row.put("status", context.text("org_status_" + status));
            row.put("active", !link.revoked());
            row.put("canAct", canAct && !link.revoked());
            links.add(row);
        }
        scope.put("links", links);
        if (issued != null) {
            scope.put("issued", Map.of("url", issued.url(), "expires", Views.time(issued.expiresAt()),
                    "qr", QrSvg.of(issued.url(), context.text("org_qr").replace("{0}", org.name()))));
        }
        String done = context.query("done").orElse("");
        switch (done) {
            case "created" -> scope.put("notice", context.text("orgs_created_notice"));
            case "extended" -> scope.put("notice", context.text("org_extended_notice"));
            case "revoked" -> scope.put("notice", context.text("org_revoked_notice"));
            default -> { }
        }
        return pages.page(context.request(), 200, "organization", scope);
    }

    @io.micronaut.http.annotation.Post("/organizations/{organizationId}/links")
    public MutableHttpResponse<?> issue(PageContext context, @PathVariable String organizationId) {
        Organization org = actionable(context, organizationId);
        int days = validDays(context);
        IssuedLink issued = services.links().issue(org.organizationId(), days)
                .orElseThrow(() -> context.fail(404, "error_404"));
        LOG.info("publisher link issued from the console", Map.of("organizationId", org.organizationId(),
                "linkId", issued.linkId()));
        // The token is shown once, on this response (it is not stored); a reload asks to resend the form.
        return orgPage(context, org, issued);
    }

    @io.micronaut.http.annotation.Post("/links/{linkId}/extend")
    public MutableHttpResponse<?> extend(PageContext context, @PathVariable String linkId) {
        PublisherLink link = linkOf(context, linkId);
        Organization org = actionable(context, link.organizationId());
        int days = validDays(context);
        if (services.links().extend(link.linkId(), days).isEmpty()) {
            throw context.fail(409, "error_409");
        }
        LOG.info("publisher link extended from the console", Map.of("linkId", link.linkId(), "days", days));
        return pages.redirect("/console/organizations/" + org.organizationId() + "?done=extended");
    }

    @io.micronaut.http.annotation.Post("/links/{linkId}/revoke")
    public MutableHttpResponse<?> revoke(PageContext context, @PathVariable String linkId) {
        PublisherLink link = linkOf(context, linkId);
        Organization org = actionable(context, link.organizationId());
        services.links().revoke(link.linkId());
        LOG.info("publisher link revoked from the console", Map.of("linkId", link.linkId()));
        return pages.redirect("/console/organizations/" + org.organizationId() + "?done=revoked");
    }

    private PublisherLink linkOf(PageContext context, String linkId) {
        return services.organizationStore().findLink(linkId)
                .orElseThrow(() -> context.fail(404, "error_404"));
    }

    private int validDays(PageContext context) {
        try {
            int days = Integer.parseInt(context.form().text("validDays"));
            if (days >= 1 && days <= 365) {
                return days;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw context.fail(400, "error_400");
    }
}
