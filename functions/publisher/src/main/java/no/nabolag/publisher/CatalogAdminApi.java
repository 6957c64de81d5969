package no.nabolag.publisher;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import no.nabolag.core.catalog.App;
import no.nabolag.core.catalog.CatalogAdmin;
import no.nabolag.core.catalog.CatalogWriter;
import no.nabolag.core.catalog.Category;
import no.nabolag.core.catalog.District;
import no.nabolag.core.catalog.Tenant;
import no.nabolag.core.log.JsonLog;
import no.nabolag.lambda.http.web.HttpRequest;
import no.nabolag.lambda.http.web.HttpResponse;
import no.nabolag.lambda.http.web.JsonBody;

/**
 * Catalog administration under /admin/v1/tenants (tenant, districts, categories, apps): translates JSON to {@link CatalogAdmin} calls and back.
 * A put answers 201 when it created the resource and 200 otherwise; the body says what changed
 * ("created", "updated" or "unchanged"), which the catalog loader prints in its summary.
 */
final class CatalogAdminApi {
    private static final JsonLog LOG = JsonLog.forClass(CatalogAdminApi.class);
    private final CatalogAdmin admin;

    CatalogAdminApi(CatalogAdmin admin) {
        this.admin = admin;
    }

    HttpResponse getTenant(HttpRequest request) {
        CatalogWriter.TenantCatalog catalog = admin.tenant(request.pathParameter("tenantId"));
        Map<String, Object> view = tenantView(catalog.tenant(), null);
        view.put("districts", catalog.districts().stream().map(d -> districtView(d, null)).toList());
        view.put("categories", catalog.categories().stream().map(c -> categoryView(c, null)).toList());
        view.put("apps", catalog.apps().stream().map(a -> appView(a, null)).toList());
        return HttpResponse.json(200, view);
    }

    HttpResponse putTenant(HttpRequest request) {
        JsonBody body = JsonBody.of(request);
        var input = new CatalogAdmin.TenantInput(body.text("name"), body.text("defaultLocale"), body.text("timeZone"));
        body.failOnErrors();
        var result = admin.putTenant(request.pathParameter("tenantId"), input);
        log("tenant", result.change(), Map.of("tenantId", result.value().tenantId()));
        return answer(result.change(), tenantView(result.value(), result.change()));
    }

    HttpResponse putDistrict(HttpRequest request) {
        JsonBody body = JsonBody.of(request);
        var input = new CatalogAdmin.DistrictInput(body.text("name"), body.texts("names"));
        body.failOnErrors();
        var result = admin.putDistrict(request.pathParameter("tenantId"), request.pathParameter("districtId"), input);
        log("district", result.change(), Map.of("districtId", result.value().districtId()));
        return answer(result.change(), districtView(result.value(), result.change()));
    }

    HttpResponse deleteDistrict(HttpRequest request) {
        var result = admin.retireDistrict(request.pathParameter("tenantId"), request.pathParameter("districtId"));
        log("district retired", result.change(), Map.of("districtId", result.value().districtId()));
        return HttpResponse.noContent();
    }

    HttpResponse putCategory(HttpRequest request) {
        JsonBody body = JsonBody.of(request);
        var input = new CatalogAdmin.CategoryInput(body.texts("names"), body.texts("descriptions"),
                body.integer("order"));
        body.failOnErrors();
        var result = admin.putCategory(request.pathParameter("tenantId"), request.pathParameter("categoryId"), input);
        log("category", result.change(), Map.of("categoryId", result.value().categoryId()));
        return answer(result.change(), categoryView(result.value(), result.change()));
    }

    HttpResponse deleteCategory(HttpRequest request) {
        var result = admin.retireCategory(request.pathParameter("tenantId"), request.pathParameter("categoryId"));
        log("category retired", result.change(), Map.of("categoryId", result.value().categoryId()));
        return HttpResponse.noContent();
    }

    HttpResponse putApp(HttpRequest request) {
        JsonBody body = JsonBody.of(request);
        var input = new CatalogAdmin.AppInput(body.text("name"), body.text("apnsPlatformApplicationArn"),
                body.text("fcmPlatformApplicationArn"));
        body.failOnErrors();
        var result = admin.putApp(request.pathParameter("tenantId"), request.pathParameter("appId"), input);
        log("app", result.change(), Map.of("appId", result.value().appId()));
        return answer(result.change(), appView(result.value(), result.change()));
    }

    HttpResponse deleteApp(HttpRequest request) {
        var result = admin.retireApp(request.pathParameter("tenantId"), request.pathParameter("appId"));
        log("app retired", result.change(), Map.of("appId", result.value().appId()));
        return HttpResponse.noContent();
    }

    private static HttpResponse answer(CatalogAdmin.Change change, Map<String, Object> view) {
        return HttpResponse.json(change == CatalogAdmin.Change.CREATED ? 201 : 200, view);
    }

    private static void log(String what, CatalogAdmin.Change change, Map<String, String> ids) {
        Map<String, Object> fields = new LinkedHashMap<>(ids);
        fields.put("change", change.name());
        LOG.info("catalog " + what, fields);
    }

    static Map<String, Object> tenantView(Tenant t, CatalogAdmin.Change change) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("tenantId", t.tenantId());
        view.put("name", t.name());
        view.put("defaultLocale", t.defaultLocale());
        view.put("timeZone", t.timeZone());
        putChange(view, change);
        return view;
    }

    static Map<String, Object> districtView(District d, CatalogAdmin.Change change) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("tenantId", d.tenantId());
        view.put("districtId", d.districtId());
        view.put("name", d.name());
        view.put("names", d.names());
        view.put("retired", d.retired());
        putChange(view, change);
        return view;
    }

    static Map<String, Object> categoryView(Category c, CatalogAdmin.Change change) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("tenantId", c.tenantId());
        view.put("categoryId", c.categoryId());
        view.put("names", c.names());
        view.put("descriptions", c.descriptions());
        view.put("order", c.order());
        view.put("retired", c.retired());
        putChange(view, change);
        return view;
    }

    static Map<String, Object> appView(App a, CatalogAdmin.Change change) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("tenantId", a.tenantId());
        view.put("appId", a.appId());
        view.put("name", a.name());
        view.put("apnsPlatformApplicationArn", a.apnsPlatformApplicationArn());
        view.put("fcmPlatformApplicationArn", a.fcmPlatformApplicationArn());
        view.put("retired", a.retired());
        putChange(view, change);
        return view;
    }

    private static void putChange(Map<String, Object> view, CatalogAdmin.Change change) {
        if (change != null) {
            view.put("change", change.name().toLowerCase(Locale.ROOT));
        }
    }
}
