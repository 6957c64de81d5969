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
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nabolag.console.security.CognitoMembers;
import no.nabolag.console.web.PageContext;
import no.nabolag.console.web.Pages;
import no.nabolag.core.audience.AudienceQuery;
import no.nabolag.core.audience.AudienceSize;
import no.nabolag.core.catalog.Catalog;
import no.nabolag.core.catalog.District;
import no.nabolag.core.log.JsonLog;
import no.nabolag.core.post.FormSubmissions;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.StateChange;
import no.nabolag.core.preview.NotificationPreview;
import no.nabolag.lambda.http.web.FormData;

/**
 * Publishing directly as the district: a post in the district's (or, for several districts, the municipality's)
 * name, published at once through core {@code PostPublication.submit}, like a trusted unit's post from the form.
 * An urgent post takes a confirmation step first (a second page that repeats the post and asks again).
 *
 * <p>The post names no onboarded organisation: its organizationId is {@code district:<districtId>} (one district) or
 * {@code tenant:<tenantId>}, and its organizationName the district's or municipality's name (see data-model.md).
 * The form's field limits are the publisher form's (title 120, body 4000, url 2000 characters). Its post id is
 * derived from a random form id and the member ({@link FormSubmissions}): the same form sent twice makes one post and
 * leads to it; the form sent again with changed fields is refused (409) with the sent version shown and the edits kept.
 *
 * <p>Before sending, the desk can preview the post ({@code step=preview}): the number of devices it will be pushed to
 * (in all and per app and platform, counted from the audience index with delivery's matching rule) and each
 * notification as a phone will show it, per language and push service, with delivery's shortening. The preview page
 * carries the fields on, to publish them or to go back and edit them ({@code step=edit}).
 */
@Controller("/console")
@Produces("text/html")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(property = "nabolag.console.configured", value = "true")
public class PublishController {
    private static final JsonLog LOG = JsonLog.forClass(PublishController.class);
    static final int MAX_TITLE = 120;
    static final int MAX_BODY = 4000;
    static final int MAX_URL = 2000;

    private final ConsoleServices services;
    private final Pages pages;
    private final Clock clock;
    private final FormSubmissions submissions;

    public PublishController(ConsoleServices services, Pages pages, Clock clock) {
        this.services = services;
        this.pages = pages;
        this.clock = clock;
        this.submissions = new FormSubmissions(services.posts());
    }

    @Get("/publish")
    public MutableHttpResponse<?> form(PageContext context) {
        return form(context, 200, null, List.of());
    }

    private MutableHttpResponse<?> form(PageContext context, int status, FormData input, List<String> errors) {
        return form(context, status, input, errors, null);
    }

    /** The publish form; {@code sent} (a post) when this form was sent before with other fields: shown above it. */
    private MutableHttpResponse<?> form(PageContext context, int status, FormData input, List<String> errors, Post sent) {
        Catalog catalog = services.catalog().load();
        String tenantId = Tenancy.chosen(context.member(), catalog,
                input != null ? input.text("tenantId") : context.query("tenant").orElse(null));
        Map<String, Object> scope = context.scope("publish_title");
        if (tenantId == null) {
            throw context.fail(403, "error_403");
        }
        List<String> districts = input == null ? List.of() : input.all("districtIds");
        List<String> categories = input == null ? List.of() : input.all("categoryIds");
        scope.put("tenantId", tenantId);
        // A form that already made a post gets a new form id: sending the kept, edited text makes a new post.
        scope.put("formId", input == null || sent != null ? CognitoMembers.randomToken() : input.text("formId"));
        if (sent != null) {
            Map<String, Object> first = new java.util.HashMap<>();
            first.put("title", sent.title());
            first.put("body", sent.body());
            first.put("href", "/console/posts/" + sent.postId());
            scope.put("sent", first);
        }
        scope.put("districtOptions", Views.districtOptions(Tenancy.districts(context.member(), tenantId, catalog),
                districts, context.lang()));
        scope.put("categoryOptions", Views.categoryOptions(catalog.activeCategories(tenantId), categories, context.lang()));
        for (String field : List.of("title", "body", "titleEn", "bodyEn", "url")) {
            scope.put(field, input == null ? "" : input.text(field));
        }
        scope.put("urgent", input != null && input.checked("urgent"));
        scope.put("errors", errors);
        return pages.page(context.request(), status, "publish", scope);
    }

    @io.micronaut.http.annotation.Post("/publish")
    public MutableHttpResponse<?> publish(PageContext context) {
        FormData form = context.form();
        Catalog catalog = services.catalog().load();
        String tenantId = form.text("tenantId");
        List<String> districtIds = List.copyOf(new LinkedHashSet<>(form.all("districtIds")));
        List<String> categoryIds = List.copyOf(new LinkedHashSet<>(form.all("categoryIds")));
        if (!districtIds.isEmpty() && !context.access().canActOn(tenantId, districtIds)) {
            LOG.warn("publishing outside the member's districts refused", Map.of("tenantId", tenantId));
            throw context.fail(403, "error_403");
        }
        String step = form.text("step");
        if ("edit".equals(step)) {
            return form(context, 200, form, List.of());
        }
        if ("preview".equals(step)) {
            List<String> errors = validate(context, form, catalog, tenantId, districtIds, categoryIds);
            return errors.isEmpty() ? preview(context, form, catalog, tenantId, districtIds, categoryIds)
                    : form(context, 400, form, errors);
        }
        // A used form is answered first: the same fields lead to their post, changed ones are refused (409).
        String formId = form.text("formId");
        String postId = FormSubmissions.postId("console:" + context.member().subject(),
                formId.isEmpty() ? CognitoMembers.randomToken() : formId);
        String fingerprint = fingerprint(form);
        Optional<FormSubmissions.Outcome> earlier = submissions.earlier(postId, fingerprint);
        if (earlier.isPresent()) {
            return answer(context, form, earlier.get());
        }
        List<String> errors = validate(context, form, catalog, tenantId, districtIds, categoryIds);
        if (!errors.isEmpty()) {
            return form(context, 400, form, errors);
        }
        boolean urgent = form.checked("urgent");
        if (urgent && !"yes".equals(form.text("confirm"))) {
            return confirm(context, form, catalog, tenantId, districtIds);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Post post = new Post(postId, tenantId, organizationId(tenantId, districtIds),
                organizationName(catalog, tenantId, districtIds), districtIds, categoryIds, form.text("title"),
                form.text("body"), blankToNull(form.text("titleEn")), blankToNull(form.text("bodyEn")),
                blankToNull(form.text("url")), urgent, null, null, now, now, PostStatus.ACCEPTED, now, null,
                List.of(new StateChange(PostStatus.ACCEPTED, now, PostController.by(context.member()), null)), null);
        FormSubmissions.Outcome outcome = submissions.create(post, fingerprint);
        if (outcome instanceof FormSubmissions.Created) {
            try {
                services.publication().publish(post);
            } catch (RuntimeException e) {
                // Stored and ACCEPTED: the scheduler re-drives it; the member is shown the post.
                LOG.error("publishing failed after store; left ACCEPTED for re-drive", e, Map.of("postId", postId));
            }
            LOG.info("post published from the console", Map.of("postId", postId, "urgent", urgent,
                    "districts", districtIds.size()));
        }
        return answer(context, form, outcome);
    }

    /** The post a sent form made, or (the form was sent before with other fields) 409 and a new form keeping them. */
    private MutableHttpResponse<?> answer(PageContext context, FormData form, FormSubmissions.Outcome outcome) {
        if (outcome instanceof FormSubmissions.Changed) {
            LOG.info("used publish form sent with changed fields; refused", Map.of("postId", outcome.post().postId()));
            return form(context, 409, form, List.of(), outcome.post());
        }
        return pages.redirect("/console/posts/" + outcome.post().postId() + "?done=published");
    }

    /**
     * The fingerprint of the fields a publish form sends (FormSubmissions); the form id, CSRF token and the urgent
     * confirmation are not fields.
     */
    static String fingerprint(FormData form) {
        Map<String, Object> fields = new java.util.HashMap<>();
        for (String field : List.of("tenantId", "title", "body", "titleEn", "bodyEn", "url")) {
            fields.put(field, form.text(field));
        }
        fields.put("districtIds", new java.util.TreeSet<>(form.all("districtIds")));
        fields.put("categoryIds", new java.util.TreeSet<>(form.all("categoryIds")));
        fields.put("urgent", form.checked("urgent"));
        return FormSubmissions.fingerprint(fields);
    }

    /** The fields of a publish form, to carry them on through a hidden form (the confirmation, the preview). */
    private static List<Map<String, String>> hiddenFields(FormData form) {
        List<Map<String, String>> hidden = new ArrayList<>();
        for (String field : List.of("tenantId", "formId", "title", "body", "titleEn", "bodyEn", "url")) {
            hidden.add(Map.of("name", field, "value", form.text(field)));
        }
        form.all("districtIds").forEach(v -> hidden.add(Map.of("name", "districtIds", "value", v)));
        form.all("categoryIds").forEach(v -> hidden.add(Map.of("name", "categoryIds", "value", v)));
        if (form.checked("urgent")) {
            hidden.add(Map.of("name", "urgent", "value", "true"));
        }
        return hidden;
    }

    /** What residents will get: the audience size and the notifications per language and platform. */
    private MutableHttpResponse<?> preview(PageContext context, FormData form, Catalog catalog, String tenantId,
                                 List<String> districtIds, List<String> categoryIds) {
        Map<String, Object> scope = context.scope("publish_previewTitle");
        boolean urgent = form.checked("urgent");
        scope.put("hidden", hiddenFields(form));
        scope.put("from", organizationName(catalog, tenantId, districtIds));
        scope.put("districts", Views.districtNames(catalog, districtIds, context.lang()));
        scope.put("categories", Views.categoryNames(catalog, tenantId, categoryIds, context.lang()));
        scope.put("urgent", urgent);
        try {
            AudienceSize size = services.audience().count(new AudienceQuery(districtIds, categoryIds, urgent));
            Map<String, Object> audience = new java.util.HashMap<>();
            audience.put("total", number(size.total(), context.lang()));
            List<Map<String, String>> segments = new ArrayList<>();
            for (AudienceSize.Segment segment : size.segments()) {
                segments.add(Map.of("app", "default".equals(segment.appId()) ? context.text("publish_defaultApp")
                                : segment.appId(),
                        "platform", context.text("publish_platform_" + ("ios".equals(segment.platform()) ? "ios"
                                : "android".equals(segment.platform()) ? "android" : "other")),
                        "devices", number(segment.devices(), context.lang())));
            }
            audience.put("segments", segments);
            audience.put("segmentsAny", !segments.isEmpty());
            scope.put("audience", audience);
        } catch (RuntimeException e) {
            // The preview still shows the notifications; the count is only missing.
            LOG.error("audience count failed", e, Map.of("districts", districtIds.size()));
            scope.put("audienceFailed", true);
        }
        List<Map<String, Object>> languages = new ArrayList<>();
        List<NotificationPreview.Notification> notifications = services.notifications().of(new NotificationPreview.Draft(
                form.text("title"), form.text("body"), form.text("titleEn"), form.text("bodyEn"), urgent));
        for (String language : List.of("nb", "en")) {
            List<Map<String, Object>> phones = new ArrayList<>();
            for (NotificationPreview.Notification n : notifications) {
                if (n.language().equals(language)) {
                    Map<String, Object> phone = new java.util.HashMap<>();
                    phone.put("id", language + "-" + n.platform());
                    phone.put("device", context.text("publish_phone_" + n.platform()));
                    phone.put("service", n.service());
                    phone.put("title", n.title());
                    phone.put("body", n.body());
                    phone.put("shortened", n.shortened());
                    phones.add(phone);
                }
            }
            if (!phones.isEmpty()) {
                languages.add(Map.of("id", language, "name", context.text("publish_language_" + language),
                        "phones", phones));
            }
        }
        scope.put("languages", languages);
        return pages.page(context.request(), 200, "publish-preview", scope);
    }

    private static String number(long value, String lang) {
        return java.text.NumberFormat.getIntegerInstance(java.util.Locale.forLanguageTag(lang)).format(value);
    }

    private MutableHttpResponse<?> confirm(PageContext context, FormData form, Catalog catalog, String tenantId, List<String> districtIds) {
        Map<String, Object> scope = context.scope("publish_confirmTitle");
        List<Map<String, String>> hidden = hiddenFields(form);
        hidden.add(Map.of("name", "confirm", "value", "yes"));
        scope.put("hidden", hidden);
        scope.put("from", organizationName(catalog, tenantId, districtIds));
        scope.put("title", form.text("title"));
        scope.put("body", form.text("body"));
        scope.put("districts", Views.districtNames(catalog, districtIds, context.lang()));
        return pages.page(context.request(), 200, "publish-confirm", scope);
    }

    private List<String> validate(PageContext context, FormData form, Catalog catalog, String tenantId,
                                  List<String> districtIds, List<String> categoryIds) {
        List<String> errors = new ArrayList<>();
        String title = form.text("title");
        String body = form.text("body");
        if (title.isEmpty() || length(title) > MAX_TITLE) {
            errors.add(context.text("publish_titleField") + ": 1–" + MAX_TITLE);
        }
        if (body.isEmpty() || length(body) > MAX_BODY) {
            errors.add(context.text("publish_bodyField") + ": 1–" + MAX_BODY);
        }
        if (length(form.text("titleEn")) > MAX_TITLE) {
            errors.add(context.text("publish_titleEnField") + ": ≤ " + MAX_TITLE);
        }
        if (length(form.text("bodyEn")) > MAX_BODY) {
            errors.add(context.text("publish_bodyEnField") + ": ≤ " + MAX_BODY);
        }
        String url = form.text("url");
        if (!url.isEmpty() && !isWebUrl(url)) {
            errors.add(context.text("publish_urlField") + ": https://…");
        }
        if (districtIds.isEmpty() || districtIds.stream().anyMatch(id -> catalog.activeDistrict(id)
                .map(District::tenantId).filter(tenantId::equals).isEmpty())) {
            errors.add(context.text("post_districts"));
        }
        if (categoryIds.isEmpty() || categoryIds.stream().anyMatch(id -> catalog.activeCategory(tenantId, id).isEmpty())) {
            errors.add(context.text("post_categories"));
        }
        return errors;
    }

    static boolean isWebUrl(String url) {
        if (url.length() > MAX_URL || url.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    static String organizationId(String tenantId, List<String> districtIds) {
        return districtIds.size() == 1 ? "district:" + districtIds.get(0) : "tenant:" + tenantId;
    }

    static String organizationName(Catalog catalog, String tenantId, List<String> districtIds) {
        if (districtIds.size() == 1) {
            return catalog.activeDistrict(districtIds.get(0)).map(District::name).orElse(districtIds.get(0));
        }
        return catalog.tenant(tenantId).map(t -> t.name()).orElse(tenantId);
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
