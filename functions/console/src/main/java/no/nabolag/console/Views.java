package no.nabolag.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nabolag.console.web.PageContext;
import no.nabolag.core.catalog.Catalog;
import no.nabolag.core.catalog.Category;
import no.nabolag.core.catalog.District;
import no.nabolag.core.post.DeliveryFigures;
import no.nabolag.core.post.Post;

/** Turns domain values into what templates show: local times, names instead of ids, status labels. */
final class Views {
    /** Times are shown in the tenants' zone; every tenant today is Norwegian (a tenant's timeZone is Europe/Oslo). */
    static final ZoneId ZONE = ZoneId.of("Europe/Oslo");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);

    private Views() {
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    static String districtName(Catalog catalog, String districtId, String lang) {
        return catalog.activeDistrict(districtId).map(d -> d.name(lang)).orElse(districtId);
    }

    static String districtNames(Catalog catalog, List<String> ids, String lang) {
        return String.join(", ", ids.stream().map(id -> districtName(catalog, id, lang)).toList());
    }

    static String categoryNames(Catalog catalog, String tenantId, List<String> ids, String lang) {
        return String.join(", ", ids.stream().map(id -> catalog.activeCategory(tenantId, id)
                .map(c -> c.name(lang, "nb")).orElse(id)).toList());
    }

    /** A row of a post list, with its delivery figures (in devices). */
    static Map<String, Object> postRow(Post post, DeliveryFigures figures, Catalog catalog, PageContext context) {
        Map<String, Object> row = new HashMap<>();
        row.put("postId", post.postId());
        row.put("title", post.title());
        row.put("from", post.organizationName());
        row.put("districts", districtNames(catalog, post.districtIds(), context.lang()));
        row.put("status", context.text("status_" + post.status().name()));
        row.put("statusCode", post.status().name());
        row.put("urgent", post.urgent());
        row.put("created", time(post.createdAt()));
        row.put("published", time(post.publishedAt()));
        row.put("matched", figures.matched());
        row.put("sent", figures.sent());
        row.put("failed", figures.failed());
        row.put("disabled", figures.disabled());
        row.put("deferred", figures.deferred());
        return row;
    }

    /** Checkbox options of a tenant's districts, limited to the ids given (an editor's own), with checked state. */
    static List<Map<String, Object>> districtOptions(List<District> districts, List<String> checked, String lang) {
        List<Map<String, Object>> options = new ArrayList<>();
        for (District d : districts) {
            options.add(Map.of("id", d.districtId(), "name", d.name(lang), "checked", checked.contains(d.districtId())));
        }
        return options;
    }

    static List<Map<String, Object>> categoryOptions(List<Category> categories, List<String> checked, String lang) {
        List<Map<String, Object>> options = new ArrayList<>();
        for (Category c : categories) {
            options.add(Map.of("id", c.categoryId(), "name", c.name(lang, "nb"), "checked", checked.contains(c.categoryId())));
        }
        return options;
    }
}
