package no.nabolag.catalogloader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What loading a catalog file would change, computed by comparing the file with the tenant as the admin API
 * shows it. Only creations and updates become requests, so a second run plans nothing and changes nothing.
 * Districts, categories and apps the deployment has but the file lacks are listed and left alone: retiring is a
 * decision for a person (DELETE in the admin API), not a side effect of an incomplete file.
 */
public record CatalogPlan(List<Step> steps, List<String> notInFile) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Action { CREATE, UPDATE, UNCHANGED }

    /** One resource: what to do, its admin API path and the body to PUT. */
    public record Step(Action action, String what, String path, Map<String, Object> body) {
    }

    public static CatalogPlan of(CatalogFile file, Optional<JsonNode> current) {
        List<Step> steps = new ArrayList<>();
        CatalogFile.Tenant t = file.tenant();
        String tenantPath = "admin/v1/tenants/" + t.id();
        Map<String, Object> tenantBody = new LinkedHashMap<>();
        tenantBody.put("name", t.name());
        tenantBody.put("defaultLocale", t.defaultLocale());
        tenantBody.put("timeZone", t.timeZone());
        steps.add(step("tenant " + t.id(), tenantPath, tenantBody, current.map(c -> c)));

        Map<String, JsonNode> districts = index(current, "districts", "districtId");
        for (CatalogFile.District d : file.districts()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", d.name(t.defaultLocale()));
            body.put("names", d.names());
            steps.add(step("district " + d.id(), tenantPath + "/districts/" + d.id(), body,
                    Optional.ofNullable(districts.remove(d.id())).filter(n -> !n.path("retired").asBoolean())));
        }
        Map<String, JsonNode> categories = index(current, "categories", "categoryId");
        for (CatalogFile.Category c : file.categories()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("names", c.names());
            body.put("descriptions", c.descriptions());
            body.put("order", c.order());
            steps.add(step("category " + c.id(), tenantPath + "/categories/" + c.id(), body,
                    Optional.ofNullable(categories.remove(c.id())).filter(n -> !n.path("retired").asBoolean())));
        }
        Map<String, JsonNode> apps = index(current, "apps", "appId");
        for (CatalogFile.App a : file.apps()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", a.name());
            // PUT replaces the app: an ARN the file leaves out is removed, so null is sent (and compared) as such.
            body.put("apnsPlatformApplicationArn", a.apnsPlatformApplicationArn());
            body.put("fcmPlatformApplicationArn", a.fcmPlatformApplicationArn());
            steps.add(step("app " + a.id(), tenantPath + "/apps/" + a.id(), body,
                    Optional.ofNullable(apps.remove(a.id())).filter(n -> !n.path("retired").asBoolean())));
        }
        List<String> notInFile = new ArrayList<>();
        districts.forEach((id, node) -> {
            if (!node.path("retired").asBoolean()) {
                notInFile.add("district " + id);
            }
        });
        categories.forEach((id, node) -> {
            if (!node.path("retired").asBoolean()) {
                notInFile.add("category " + id);
            }
        });
        apps.forEach((id, node) -> {
            if (!node.path("retired").asBoolean()) {
                notInFile.add("app " + id);
            }
        });
        return new CatalogPlan(steps, notInFile);
    }

    public long count(Action action) {
        return steps.stream().filter(s -> s.action() == action).count();
    }

    /** The plan as a person reads it before it is applied. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (Step step : steps) {
            out.append(switch (step.action()) {
                case CREATE -> "  + create ";
                case UPDATE -> "  ~ update ";
                case UNCHANGED -> "  = keep   ";
            }).append(step.what()).append('\n');
        }
        notInFile.forEach(what -> out.append("  ! ").append(what).append(" is deployed but not in the file (left as it is)\n"));
        out.append(String.format("Plan: %d to create, %d to update, %d unchanged.%n",
                count(Action.CREATE), count(Action.UPDATE), count(Action.UNCHANGED)));
        return out.toString();
    }

    private static Step step(String what, String path, Map<String, Object> body, Optional<JsonNode> current) {
        if (current.isEmpty()) {
            return new Step(Action.CREATE, what, path, body);
        }
        boolean same = body.entrySet().stream()
                .allMatch(e -> Objects.equals(present(JSON.valueToTree(e.getValue())), present(current.get().get(e.getKey()))));
        return new Step(same ? Action.UNCHANGED : Action.UPDATE, what, path, body);
    }

    /** null for an absent value, however it is spelt (missing, JSON null). */
    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    private static Map<String, JsonNode> index(Optional<JsonNode> current, String list, String idField) {
        Map<String, JsonNode> byId = new HashMap<>();
        current.ifPresent(c -> c.path(list).forEach(n -> byId.put(n.path(idField).asText(), n)));
        return byId;
    }
}
