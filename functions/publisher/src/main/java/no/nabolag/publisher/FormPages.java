package no.nabolag.publisher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.nabolag.core.log.JsonLog;
import no.nabolag.core.organization.CatalogReader;
import no.nabolag.core.organization.LinkCheck;
import no.nabolag.core.organization.LinkRateLimit;
import no.nabolag.core.organization.Organization;
import no.nabolag.core.organization.PublisherLinks;
import no.nabolag.core.organization.TenantCatalog;
import no.nabolag.core.post.FormSubmissions;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.PostStore;
import no.nabolag.lambda.http.web.FormData;
import no.nabolag.lambda.http.web.HttpRequest;
import no.nabolag.lambda.http.web.HttpResponse;

/** The signed-link web form: show it, take a post, show the receipt. Every answer is an HTML page. */
final class FormPages {
    private static final JsonLog LOG = JsonLog.forClass(FormPages.class);
    private static final Pattern POST_ID = Pattern.compile("[a-z0-9]{1,64}");
    /** The shape of a link token; anything else is refused without loading the signing keys. */
    private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,400}\\.[A-Za-z0-9_-]{43}");
    private static final String STYLESHEET = loadAsset("form.css");

    private final Supplier<PublisherLinks> links;
    private final Supplier<FormTokens> formTokens;
    private final CatalogReader catalog;
    private final LinkRateLimit rateLimit;
    private final PostStore posts;
    private final FormSubmissions submissions;
    private final PostIntake intake;
    private final PostFormValidator validator;
    private final String baseUrl;

    FormPages(Supplier<PublisherLinks> links, Supplier<FormTokens> formTokens, CatalogReader catalog,
              LinkRateLimit rateLimit, PostStore posts, FormSubmissions submissions, PostIntake intake,
              PostFormValidator validator, String baseUrl) {
        this.links = links;
        this.formTokens = formTokens;
        this.catalog = catalog;
        this.rateLimit = rateLimit;
        this.posts = posts;
        this.submissions = submissions;
        this.intake = intake;
        this.validator = validator;
        this.baseUrl = baseUrl;
    }

    HttpResponse showForm(HttpRequest request) {
        return guarded(request, () -> {
            String token = request.pathParameter("linkToken");
            Page page = page(request, token);
            LinkCheck check = checkLink(token);
            if (!(check instanceof LinkCheck.Valid valid)) {
                return linkProblem(request, check);
            }
            TenantCatalog tenant = tenantOf(valid.organization());
            String csrf = formTokens.get().issue(valid.link().linkId());
            return Html.page(200, Html.render("form",
                    FormView.model(page, valid.organization(), tenant, PostFormInput.EMPTY, Map.of(), csrf, null)));
        });
    }

    HttpResponse submit(HttpRequest request) {
        return guarded(request, () -> {
            String token = request.pathParameter("linkToken");
            Page page = page(request, token);
            LinkCheck check = checkLink(token);
            if (!(check instanceof LinkCheck.Valid valid)) {
                return linkProblem(request, check);
            }
            Organization org = valid.organization();
            String linkId = valid.link().linkId();
            FormData form = FormData.parse(request.body());
            String csrf = form.first("csrf");
            PostFormInput input = PostFormInput.from(form);
            TenantCatalog tenant = tenantOf(org);
            FormTokens.Check csrfCheck = formTokens.get().check(csrf, linkId);
            if (csrfCheck == FormTokens.Check.INVALID) {
                LOG.warn("form token rejected", Map.of("linkId", linkId));
                return message(request, 403, "csrf.invalid.title", "csrf.invalid.text");
            }
            Set<String> districts = FormView.districts(org, tenant).stream().map(TenantCatalog.Entry::id)
                    .collect(Collectors.toSet());
            Set<String> categories = FormView.categories(org, tenant).stream().map(TenantCatalog.Entry::id)
                    .collect(Collectors.toSet());
            PostFormValidator.Result result = validator.validate(input, districts, categories, org.isUnit(),
                    tenant.timeZone());
            // A used form is answered before anything is spent: the same fields get their receipt (even after the
            // link's hourly allowance is used up or the token has gone stale), changed fields are refused.
            String postId = FormSubmissions.postId("link:" + linkId, FormTokens.formId(csrf));
            String fingerprint = input.fingerprint();
            Optional<FormSubmissions.Outcome> earlier = submissions.earlier(postId, fingerprint);
            if (earlier.isPresent()) {
                return answer(page, org, tenant, input, result, linkId, earlier.get());
            }
            if (csrfCheck == FormTokens.Check.STALE) {
                return Html.page(400, Html.render("form", FormView.model(page, org, tenant, input, Map.of(),
                        formTokens.get().issue(linkId), Messages.get(page.language(), "error.csrf.stale"))));
            }
            if (!result.valid()) {
                return Html.page(400, Html.render("form", FormView.model(page, org, tenant, input, result.errors(),
                        formTokens.get().issue(linkId), null)));
            }
            if (!rateLimit.tryAcquire(linkId)) {
                LOG.warn("link rate limit reached", Map.of("linkId", linkId));
                return message(request, 429, "rate.title", "rate.text", rateLimit.postsPerHour())
                        .withHeader("retry-after", "3600");
            }
            FormSubmissions.Outcome outcome = intake.submit(intake.post(postId, org, valid.link(), result.draft()),
                    fingerprint, linkId);
            return answer(page, org, tenant, input, result, linkId, outcome);
        });
    }

    /**
     * The answer to a form that made (or had made) a post: its receipt, or, when the form had been sent with other
     * fields, a 409 page that shows the version that was sent and a new form holding the edited fields.
     */
    private HttpResponse answer(Page page, Organization org, TenantCatalog tenant, PostFormInput input,
                                PostFormValidator.Result result, String linkId, FormSubmissions.Outcome outcome) {
        Post sent = outcome.post();
        if (!(outcome instanceof FormSubmissions.Changed)) {
            return Html.seeOther(page.receiptUrl(sent.postId()));
        }
        LOG.info("used form sent with changed fields; refused", Map.of("postId", sent.postId(), "linkId", linkId));
        Language lang = page.language();
        Map<String, Object> m = FormView.model(page, org, tenant, input, result.valid() ? Map.of() : result.errors(),
                formTokens.get().issue(linkId), null);
        m.put("pageTitle", Messages.get(lang, "sent.pageTitle", org.name()));
        m.put("heading", Messages.get(lang, "sent.heading"));
        Map<String, Object> first = new HashMap<>();
        first.put("title", sent.title());
        first.put("bodyHtml", PlainText.toHtml(sent.body()));
        first.put("districts", names(sent.districtIds(), tenant::district, lang));
        first.put("categories", names(sent.categoryIds(), tenant::category, lang));
        if (sent.hasEnglish()) {
            first.put("titleEn", sent.titleEn());
            first.put("bodyEnHtml", PlainText.toHtml(sent.bodyEn()));
        }
        first.put("state", Messages.get(lang, "receipt.state." + sent.status().name(),
                format(sent.publishAt(), tenant.timeZone(), lang)));
        first.put("receiptHref", page.receiptUrl(sent.postId()));
        m.put("sent", first);
        return Html.page(409, Html.render("form", m));
    }

    private static String names(List<String> ids, Function<String, Optional<TenantCatalog.Entry>> catalog, Language lang) {
        return ids.stream().map(id -> catalog.apply(id).map(e -> e.name(lang.code)).orElse(id))
                .collect(Collectors.joining(", "));
    }

    HttpResponse showReceipt(HttpRequest request) {
        return guarded(request, () -> {
            String token = request.pathParameter("linkToken");
            String postId = request.pathParameter("postId");
            Page page = page(request, token);
            LinkCheck check = checkLink(token);
            Organization org;
            if (check instanceof LinkCheck.Valid valid) {
                org = valid.organization();
            } else if (check instanceof LinkCheck.Expired expired) {
                org = expired.organization(); // a receipt stays readable after its link expires
            } else {
                return linkProblem(request, check);
            }
            Optional<Post> post = postId != null && POST_ID.matcher(postId).matches()
                    ? posts.find(postId) : Optional.empty();
            if (post.isEmpty() || !org.organizationId().equals(post.get().organizationId())) {
                return message(request, 404, "notFound.title", "notFound.text");
            }
            TenantCatalog tenant = tenantOf(org);
            return Html.page(200, Html.render("receipt", receiptModel(page, post.get(), tenant)));
        });
    }

    HttpResponse asset(HttpRequest request) {
        if (!"form.css".equals(request.pathParameter("file"))) {
            return message(request, 404, "notFound.title", "notFound.text");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "text/css; charset=utf-8");
        headers.put("x-content-type-options", "nosniff");
        headers.put("cache-control", "public, max-age=3600");
        return new HttpResponse(200, headers, STYLESHEET);
    }

    private Map<String, Object> receiptModel(Page page, Post post, TenantCatalog tenant) {
        Language lang = page.language();
        Map<String, Object> m = page.base(Messages.get(lang, "receipt.pageTitle", post.title()),
                page.baseUrl() + "/p/" + page.token() + "/receipts/" + post.postId());
        m.put("heading", Messages.get(lang, "receipt.heading"));
        ZoneId zone = tenant.timeZone();
        PostStatus status = post.status();
        m.put("stateClass", status.name().toLowerCase(Locale.ROOT));
        m.put("state", Messages.get(lang, "receipt.state." + status.name(), format(post.publishAt(), zone, lang)));
        m.put("explain", Messages.get(lang, "receipt.explain." + status.name()));
        if (status == PostStatus.REJECTED && post.reason() != null) {
            m.put("reason", post.reason());
        }
        m.put("title", post.title());
        m.put("bodyHtml", PlainText.toHtml(post.body()));
        m.put("districts", post.districtIds().stream()
                .map(id -> tenant.district(id).map(d -> d.name(lang.code)).orElse(id)).collect(Collectors.joining(", ")));
        m.put("categories", post.categoryIds().stream()
                .map(id -> tenant.category(id).map(c -> c.name(lang.code)).orElse(id)).collect(Collectors.joining(", ")));
        if (post.url() != null) {
            m.put("url", post.url());
        }
        if (post.publishAt() != null) {
            m.put("publishAt", format(post.publishAt(), zone, lang));
        }
        if (post.expiresAt() != null) {
            m.put("expiresAt", format(post.expiresAt(), zone, lang));
        }
        m.put("urgent", post.urgent());
        if (post.hasEnglish()) {
            m.put("titleEn", post.titleEn());
            m.put("bodyEnHtml", PlainText.toHtml(post.bodyEn()));
        }
        m.put("formHref", page.formUrl());
        return m;
    }

    static String format(Instant at, ZoneId zone, Language lang) {
        if (at == null) {
            return "";
        }
        DateTimeFormatter formatter = lang == Language.EN
                ? DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.ENGLISH)
                : DateTimeFormatter.ofPattern("d. MMMM yyyy 'kl.' HH:mm", Locale.forLanguageTag("nb"));
        return formatter.format(at.atZone(zone));
    }

    private LinkCheck checkLink(String token) {
        return token != null && TOKEN_SHAPE.matcher(token).matches() ? links.get().check(token) : new LinkCheck.Invalid();
    }

    private HttpResponse linkProblem(HttpRequest request, LinkCheck check) {
        if (check instanceof LinkCheck.Expired expired) {
            return message(request, 403, "link.expired.title", "link.expired.text", expired.organization().name());
        }
        if (check instanceof LinkCheck.Revoked) {
            return message(request, 403, "link.revoked.title", "link.revoked.text");
        }
        return message(request, 403, "link.invalid.title", "link.invalid.text");
    }

    HttpResponse message(HttpRequest request, int status, String titleKey, String textKey, Object... args) {
        Language lang = Language.of(request);
        Page page = new Page(lang, Language.explicit(request).isPresent(), baseUrl, null);
        Map<String, Object> m = page.base(Messages.get(lang, titleKey));
        m.put("heading", Messages.get(lang, titleKey));
        m.put("paragraphs", List.of(Messages.get(lang, textKey, args)));
        return Html.page(status, Html.render("message", m));
    }

    private Page page(HttpRequest request, String token) {
        return new Page(Language.of(request), Language.explicit(request).isPresent(), baseUrl, token);
    }

    private TenantCatalog tenantOf(Organization org) {
        return catalog.tenant(org.tenantId()).orElseGet(() -> new TenantCatalog(org.tenantId(), org.tenantId(),
                ZoneId.of("Europe/Oslo"), List.of(), List.of()));
    }

    /** Any unexpected failure becomes an HTML error page (never a stack trace or JSON on the form). */
    private HttpResponse guarded(HttpRequest request, Supplier<HttpResponse> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            LOG.error("form request failed", e, new HashMap<>(Map.of("route", String.valueOf(request.routeKey()))));
            return message(request, 500, "failure.title", "failure.text");
        }
    }

    private static String loadAsset(String name) {
        try (InputStream in = FormPages.class.getResourceAsStream("/publisher/assets/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
