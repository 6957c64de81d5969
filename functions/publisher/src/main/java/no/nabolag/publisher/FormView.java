package no.nabolag.publisher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nabolag.core.organization.Organization;
import no.nabolag.core.organization.TenantCatalog;

/** Builds the model of the form page: every field with its label, hint, value, error and ARIA wiring. */
final class FormView {
    private FormView() {
    }

    /** The districts an organisation may post to: its own, as they exist (and are not retired) in the catalog. */
    static List<TenantCatalog.Entry> districts(Organization org, TenantCatalog tenant) {
        Set<String> own = Set.copyOf(org.districtIds());
        return tenant.districts().stream().filter(d -> own.contains(d.id()) && !d.retired()).toList();
    }

    /** Its categories, in the catalog's order, retired ones skipped. */
    static List<TenantCatalog.Entry> categories(Organization org, TenantCatalog tenant) {
        Set<String> own = Set.copyOf(org.categoryIds());
        return tenant.categories().stream().filter(c -> own.contains(c.id()) && !c.retired()).toList();
    }

    static Map<String, Object> model(Page page, Organization org, TenantCatalog tenant, PostFormInput in,
                                     Map<String, String> errors, String csrf, String notice) {
        Language lang = page.language();
        Map<String, Object> m = page.base(Messages.get(lang, "form.pageTitle", org.name()));
        m.put("heading", Messages.get(lang, "form.heading", org.name()));
        if (org.needsApproval()) {
            m.put("approvalNote", Messages.get(lang, "form.approvalNote", org.name()));
        }
        m.put("action", page.formUrl());
        m.put("csrf", csrf);
        if (notice != null) {
            m.put("notice", notice);
        }
        String zone = tenant.timeZone().getId();
        List<TenantCatalog.Entry> districts = districts(org, tenant);
        List<TenantCatalog.Entry> categories = categories(org, tenant);
        List<String> districtValues = in == PostFormInput.EMPTY && districts.size() == 1
                ? List.of(districts.get(0).id()) : in.districts();
        List<String> categoryValues = in == PostFormInput.EMPTY && categories.size() == 1
                ? List.of(categories.get(0).id()) : in.categories();

        m.put("title", text(lang, "title", "text", in.title(), true, true, errors));
        m.put("body", multiline(text(lang, "body", "text", in.body(), true, true, errors), 10));
        m.put("district", choices(lang, "district", districts, districtValues, errors));
        m.put("category", choices(lang, "category", categories, categoryValues, errors));
        Map<String, Object> url = text(lang, "url", "url", in.url(), false, true, errors);
        url.put("autocomplete", "url");
        m.put("url", url);
        Map<String, Object> publishAt = text(lang, "publishAt", "datetime-local", in.publishAt(), false, false, errors);
        publishAt.put("hint", Messages.get(lang, "form.publishAt.hint", zone));
        m.put("publishAt", publishAt);
        Map<String, Object> expiresAt = text(lang, "expiresAt", "datetime-local", in.expiresAt(), false, false, errors);
        expiresAt.put("hint", Messages.get(lang, "form.expiresAt.hint", zone));
        m.put("expiresAt", expiresAt);
        if (org.isUnit()) {
            Map<String, Object> urgent = new HashMap<>();
            urgent.put("label", Messages.get(lang, "form.urgent.label"));
            urgent.put("hint", Messages.get(lang, "form.urgent.hint"));
            urgent.put("checked", in.urgent());
            m.put("urgent", urgent);
        }
        m.put("titleEn", text(lang, "titleEn", "text", in.titleEn(), false, false, errors));
        m.put("bodyEn", multiline(text(lang, "bodyEn", "text", in.bodyEn(), false, false, errors), 6));

        List<Map<String, String>> summary = new ArrayList<>();
        for (String field : List.of("title", "body", "district", "category", "url", "publishAt", "expiresAt",
                "titleEn", "bodyEn")) {
            String key = errors.get(field);
            if (key == null) {
                continue;
            }
            String target = field;
            if (field.equals("district") && !districts.isEmpty()) {
                target = "district-" + districts.get(0).id();
            } else if (field.equals("category") && !categories.isEmpty()) {
                target = "category-" + categories.get(0).id();
            }
            summary.add(Map.of("target", target, "message", Messages.get(lang, key)));
        }
        m.put("hasErrors", !summary.isEmpty());
        m.put("errors", summary);
        return m;
    }

    private static Map<String, Object> text(Language lang, String field, String type, String value, boolean required,
                                            boolean hasHint, Map<String, String> errors) {
        Map<String, Object> f = new HashMap<>();
        f.put("id", field);
        f.put("name", field);
        f.put("type", type);
        f.put("value", value);
        f.put("required", required);
        f.put("label", Messages.get(lang, "form." + field + ".label"));
        if (hasHint || field.equals("publishAt") || field.equals("expiresAt")) {
            f.put("hint", Messages.get(lang, "form." + field + ".hint"));
        }
        String error = errors.get(field);
        if (error != null) {
            f.put("error", Messages.get(lang, error));
        }
        f.put("describedBy", describedBy(field, f.containsKey("hint"), error != null));
        return f;
    }

    private static Map<String, Object> multiline(Map<String, Object> field, int rows) {
        field.put("multiline", true);
        field.put("rows", rows);
        return field;
    }

    private static Map<String, Object> choices(Language lang, String field, List<TenantCatalog.Entry> entries,
                                               List<String> selected, Map<String, String> errors) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", field);
        f.put("name", field);
        f.put("legend", Messages.get(lang, "form." + field + ".legend"));
        f.put("hint", Messages.get(lang, "form." + field + ".hint"));
        String error = errors.get(field);
        if (error != null) {
            f.put("error", Messages.get(lang, error));
        }
        f.put("describedBy", describedBy(field, true, error != null));
        List<Map<String, Object>> options = new ArrayList<>();
        for (TenantCatalog.Entry entry : entries) {
            options.add(Map.of(
                    "optionId", field + "-" + entry.id(),
                    "value", entry.id(),
                    "label", entry.name(lang.code),
                    "checked", selected.contains(entry.id())));
        }
        f.put("options", options);
        return f;
    }

    private static String describedBy(String field, boolean hint, boolean error) {
        List<String> ids = new ArrayList<>();
        if (hint) {
            ids.add(field + "-hint");
        }
        if (error) {
            ids.add(field + "-error");
        }
        return ids.isEmpty() ? null : String.join(" ", ids);
    }
}
