package no.nabolag.publisher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.nabolag.core.catalog.CatalogAdmin;
import no.nabolag.core.catalog.CatalogWriter;
import no.nabolag.core.catalog.Category;
import no.nabolag.core.catalog.District;
import no.nabolag.core.catalog.Tenant;
import no.nabolag.core.json.Json;
import no.nabolag.core.log.JsonLog;
import no.nabolag.core.web.FieldError;
import no.nabolag.core.web.HttpRequest;
import no.nabolag.core.web.HttpResponse;
import no.nabolag.core.web.Problem;

/**
 * Catalog administration under /admin/v1/tenants: translates JSON to {@link CatalogAdmin} calls and back.
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
        return HttpResponse.json(200, view);
    }

    HttpResponse putTenant(HttpRequest request) {
        JsonNode body = object(request);
        List<FieldError> errors = new ArrayList<>();
        var input = new CatalogAdmin.TenantInput(text(body, "name", errors), text(body, "defaultLocale", errors),
                text(body, "timeZone", errors));
        failOn(errors);
        var result = admin.putTenant(request.pathParameter("tenantId"), input);
        log("tenant", result.change(), Map.of("tenantId", result.value().tenantId()));
        return answer(result.change(), tenantView(result.value(), result.change()));
    }

    HttpResponse putDistrict(HttpRequest request) {
        JsonNode body = object(request);
        List<FieldError> errors = new ArrayList<>();
        var input = new CatalogAdmin.DistrictInput(text(body, "name", errors), texts(body, "names", errors));
        failOn(errors);
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
        JsonNode body = object(request);
        List<FieldError> errors = new ArrayList<>();
        Integer order = null;
        JsonNode orderNode = body.get("order");
        if (orderNode != null && !orderNode.isNull()) {
            if (orderNode.isIntegralNumber() && orderNode.canConvertToInt()) {
                order = orderNode.intValue();
            } else {
                errors.add(new FieldError("order", "must be a whole number"));
            }
        }
        var input = new CatalogAdmin.CategoryInput(texts(body, "names", errors), texts(body, "descriptions", errors),
                order);
        failOn(errors);
        var result = admin.putCategory(request.pathParameter("tenantId"), request.pathParameter("categoryId"), input);
        log("category", result.change(), Map.of("categoryId", result.value().categoryId()));
        return answer(result.change(), categoryView(result.value(), result.change()));
    }

    HttpResponse deleteCategory(HttpRequest request) {
        var result = admin.retireCategory(request.pathParameter("tenantId"), request.pathParameter("categoryId"));
        log("category retired", result.change(), Map.of("categoryId", result.value().categoryId()));
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

    private static void putChange(Map<String, Object> view, CatalogAdmin.Change change) {
        if (change != null) {
            view.put("change", change.name().toLowerCase(Locale.ROOT));
        }
    }

    private static JsonNode object(HttpRequest request) {
        JsonNode node;
        try {
            node = Json.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw Problem.badRequest("The body is not valid JSON: " + e.getOriginalMessage()).exception();
        }
        if (node == null || !node.isObject()) {
            throw Problem.badRequest("The body must be a JSON object").exception();
        }
        return node;
    }

    private static String text(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return node.textValue();
    }

    private static Map<String, String> texts(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError(field, "must be an object of texts by language, e.g. {\"nb\": \"...\", \"en\": \"...\"}"));
            return null;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                texts.put(e.getKey(), e.getValue().textValue());
            } else {
                errors.add(new FieldError(field + "." + e.getKey(), "must be a string"));
            }
        });
        return texts;
    }

    private static void failOn(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw Problem.validation(errors).exception();
        }
    }
}
