package no.nabolag.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import no.nabolag.core.error.FieldError;
import no.nabolag.core.log.JsonLog;
import no.nabolag.core.moderation.Moderation;
import no.nabolag.core.organization.IssuedLink;
import no.nabolag.core.organization.NewOrganization;
import no.nabolag.core.organization.Organization;
import no.nabolag.core.organization.Organizations;
import no.nabolag.core.organization.PublisherLink;
import no.nabolag.core.organization.PublisherLinks;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostListCursor;
import no.nabolag.core.post.PostPage;
import no.nabolag.core.post.PostPosition;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.StateChange;
import no.nabolag.lambda.http.web.HttpRequest;
import no.nabolag.lambda.http.web.HttpResponse;
import no.nabolag.lambda.http.web.JsonBody;
import no.nabolag.lambda.http.web.Problem;

/**
 * The communication team's JSON API under /admin/v1/tenants/{tenantId}: organisations, links, moderation, post
 * figures. Every route names its tenant, so IAM can confine a principal to one tenant's paths; an id of another
 * tenant's organisation, link or post is answered exactly like an unknown one (404).
 */
final class AdminApi {
    private static final JsonLog LOG = JsonLog.forClass(AdminApi.class);
    /**
     * No id we issue is longer than 63 characters (slugs, 32-hex ids); a longer path id cannot exist, and is 404
     * before it reaches DynamoDB, whose key size limit would otherwise make it a 500.
     */
    static final int MAX_ID_BYTES = 255;
    /** Posts per page of a list when the request names no limit. */
    static final int DEFAULT_PAGE = 100;

    private final AdminAuth auth;
    private final Predicate<String> tenantExists;
    private final Organizations organizations;
    private final Supplier<PublisherLinks> links;
    private final Moderation moderation;
    private final Supplier<PostListCursor> cursors;

    AdminApi(AdminAuth auth, Predicate<String> tenantExists, Organizations organizations,
             Supplier<PublisherLinks> links, Moderation moderation, Supplier<PostListCursor> cursors) {
        this.auth = auth;
        this.tenantExists = tenantExists;
        this.organizations = organizations;
        this.links = links;
        this.moderation = moderation;
        this.cursors = cursors;
    }

    /** Wraps an action with the admin check and the headers every admin answer carries. */
    Function<HttpRequest, HttpResponse> guarded(Function<HttpRequest, HttpResponse> action) {
        return guardedAs((request, caller) -> action.apply(request));
    }

    /** As {@link #guarded(Function)}, for an action that records who made it (the IAM caller's ARN). */
    Function<HttpRequest, HttpResponse> guardedAs(BiFunction<HttpRequest, String, HttpResponse> action) {
        return request -> {
            String caller = auth.check(request);
            refuseImpossibleIds(request);
            return action.apply(request, caller).withHeader("x-content-type-options", "nosniff")
                    .withHeader("cache-control", "no-store");
        };
    }

    /**
     * A path id longer than any we issue is 404. The id a PUT creates is exempt: its own validation answers 400
     * with the rule it breaks.
     */
    private static void refuseImpossibleIds(HttpRequest request) {
        String routeKey = request.routeKey() == null ? "" : request.routeKey();
        String created = routeKey.startsWith("PUT ") && routeKey.endsWith("}")
                ? routeKey.substring(routeKey.lastIndexOf('{') + 1, routeKey.length() - 1) : null;
        request.pathParameters().forEach((name, value) -> {
            if (!name.equals(created) && value != null
                    && value.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
                throw Problem.notFound("No " + name.replace("Id", "") + " has an id that long").exception();
            }
        });
    }

    private String tenant(HttpRequest request) {
        String tenantId = request.pathParameter("tenantId");
        if (!tenantExists.test(tenantId)) {
            throw Problem.notFound("No tenant " + tenantId).exception();
        }
        return tenantId;
    }

    HttpResponse createOrganization(HttpRequest request) {
        String tenantId = request.pathParameter("tenantId");
        JsonBody body = JsonBody.of(request);
        String named = body.text("tenantId");
        NewOrganization input = new NewOrganization(body.text("name"), body.text("kind"), tenantId,
                body.strings("districtIds"), body.strings("categoryIds"), body.bool("trusted"));
        body.failOnErrors();
        if (named != null && !named.equals(tenantId)) {
            throw Problem.validation(List.of(new FieldError("tenantId",
                    "must be the tenant of the path (" + tenantId + ") or left out"))).exception();
        }
        tenant(request);
        Organization org = organizations.create(input);
        LOG.info("organization created", Map.of("organizationId", org.organizationId(), "tenantId", org.tenantId()));
        return HttpResponse.json(201, organizationView(org, null)).withHeader("location",
                "/admin/v1/tenants/" + org.tenantId() + "/organizations/" + org.organizationId());
    }

    HttpResponse listOrganizations(HttpRequest request) {
        List<Map<String, Object>> list = organizations.list(tenant(request)).stream()
                .map(o -> organizationView(o, null)).toList();
        return HttpResponse.json(200, list);
    }

    HttpResponse getOrganization(HttpRequest request) {
        Organization org = organization(request);
        return HttpResponse.json(200, organizationView(org, organizations.links(org.organizationId())));
    }

    HttpResponse issueLink(HttpRequest request) {
        JsonNode days = JsonBody.of(request).node().get("validDays");
        if (days == null || !days.isIntegralNumber() || days.asLong() < PublisherLinks.MIN_VALID_DAYS
                || days.asLong() > PublisherLinks.MAX_VALID_DAYS) {
            throw Problem.validation(List.of(new FieldError("validDays", "must be a whole number from 1 to 365")))
                    .exception();
        }
        if (links.get().publicBaseUrl().isBlank()) {
            throw Problem.of(503, "not-configured", "Not configured", "PUBLIC_BASE_URL is not set").exception();
        }
        String organizationId = organization(request).organizationId();
        IssuedLink link = links.get().issue(organizationId, days.asInt())
                .orElseThrow(() -> Problem.notFound("No organization " + organizationId).exception());
        LOG.info("link issued", Map.of("organizationId", organizationId, "linkId", link.linkId()));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("linkId", link.linkId());
        view.put("url", link.url());
        view.put("expiresAt", link.expiresAt().toString());
        return HttpResponse.json(201, view);
    }

    HttpResponse revokeLink(HttpRequest request) {
        String linkId = request.pathParameter("linkId");
        if (!links.get().revoke(request.pathParameter("tenantId"), linkId)) {
            throw Problem.notFound("No link " + linkId).exception();
        }
        LOG.info("link revoked", Map.of("linkId", linkId));
        return HttpResponse.noContent();
    }

    /**
     * One tenant's posts in a state, newest first, a page at a time: a JSON array, and when more follow, the next
     * page's opaque cursor in {@code X-Next-Cursor} and as a {@code Link: <...>; rel="next"} URL.
     */
    HttpResponse listPosts(HttpRequest request) {
        String statusText = request.queryParameter("status").filter(t -> !t.isBlank()).orElse("PENDING")
                .toUpperCase(Locale.ROOT);
        PostStatus status;
        try {
            status = PostStatus.valueOf(statusText);
        } catch (IllegalArgumentException e) {
            throw Problem.validation(List.of(new FieldError("status", "must be one of PENDING, SCHEDULED, ACCEPTED, "
                    + "PUBLISHED, REJECTED, WITHDRAWN"))).exception();
        }
        int limit = DEFAULT_PAGE;
        Optional<String> limitText = request.queryParameter("limit");
        if (limitText.isPresent()) {
            try {
                limit = Integer.parseInt(limitText.get());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > Moderation.MAX_PAGE) {
                throw Problem.validation(List.of(new FieldError("limit", "must be 1 to " + Moderation.MAX_PAGE)))
                        .exception();
            }
        }
        String tenantId = request.pathParameter("tenantId");
        String list = PostListCursor.list(tenantId, status);
        Optional<String> cursor = request.queryParameter("cursor").filter(c -> !c.isEmpty());
        PostPosition after = cursor.map(c -> cursors.get().decode(list, c)).orElse(null);
        tenant(request);
        PostPage page = moderation.list(tenantId, status, limit, after);
        HttpResponse response = HttpResponse.json(200, page.posts().stream().map(p -> postView(p, false)).toList());
        if (page.next().isPresent()) {
            String next = cursors.get().encode(list, page.next().get());
            response = response.withHeader("x-next-cursor", next).withHeader("link", "</admin/v1/tenants/" + tenantId
                    + "/posts?status=" + status.name() + "&limit=" + limit + "&cursor=" + next + ">; rel=\"next\"");
        }
        return response;
    }

    HttpResponse getPost(HttpRequest request) {
        String postId = request.pathParameter("postId");
        Post post = moderation.find(request.pathParameter("tenantId"), postId)
                .orElseThrow(() -> Problem.notFound("No post " + postId).exception());
        return HttpResponse.json(200, postView(post, true));
    }

    HttpResponse approve(HttpRequest request, String by) {
        Post post = moderation.approve(request.pathParameter("tenantId"), request.pathParameter("postId"), by);
        LOG.info("post approved", Map.of("postId", post.postId(), "status", post.status().name(), "by", by));
        return HttpResponse.json(200, postView(post, true));
    }

    HttpResponse reject(HttpRequest request, String by) {
        JsonNode reason = JsonBody.of(request).node().get("reason");
        if (reason == null || !reason.isTextual()) {
            throw Problem.validation(List.of(new FieldError("reason", "is required"))).exception();
        }
        Post post = moderation.reject(request.pathParameter("tenantId"), request.pathParameter("postId"), by,
                reason.asText());
        LOG.info("post rejected", Map.of("postId", post.postId(), "by", by));
        return HttpResponse.json(200, postView(post, true));
    }

    HttpResponse withdraw(HttpRequest request, String by) {
        Post post = moderation.withdraw(request.pathParameter("tenantId"), request.pathParameter("postId"), by);
        LOG.info("post withdrawn", Map.of("postId", post.postId(), "by", by));
        return HttpResponse.json(200, postView(post, true));
    }

    private Organization organization(HttpRequest request) {
        String organizationId = request.pathParameter("organizationId");
        return organizations.find(request.pathParameter("tenantId"), organizationId)
                .orElseThrow(() -> Problem.notFound("No organization " + organizationId).exception());
    }

    static Map<String, Object> organizationView(Organization o, List<PublisherLink> links) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("organizationId", o.organizationId());
        view.put("name", o.name());
        view.put("kind", o.kind().wire());
        view.put("tenantId", o.tenantId());
        view.put("districtIds", o.districtIds());
        view.put("categoryIds", o.categoryIds());
        view.put("trusted", o.trusted());
        view.put("createdAt", o.createdAt().toString());
        if (links != null) {
            Instant now = Instant.now();
            view.put("links", links.stream().map(l -> {
                Map<String, Object> link = new LinkedHashMap<>();
                link.put("linkId", l.linkId());
                link.put("createdAt", l.createdAt().toString());
                link.put("expiresAt", l.expiresAt().toString());
                if (l.revokedAt() != null) {
                    link.put("revokedAt", l.revokedAt().toString());
                }
                link.put("state", l.revoked() ? "revoked" : l.expiredAt(now) ? "expired" : "active");
                return link;
            }).toList());
        }
        return view;
    }

    /** A post as JSON; text fields are data (JSON-escaped), never HTML. */
    static Map<String, Object> postView(Post p, boolean full) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("postId", p.postId());
        view.put("status", p.status().name());
        view.put("statusAt", str(p.statusAt()));
        view.put("tenantId", p.tenantId());
        view.put("organizationId", p.organizationId());
        view.put("organizationName", p.organizationName());
        view.put("districtIds", p.districtIds());
        view.put("categoryIds", p.categoryIds());
        view.put("title", p.title());
        view.put("body", p.body());
        view.put("titleEn", p.titleEn());
        view.put("bodyEn", p.bodyEn());
        view.put("url", p.url());
        view.put("urgent", p.urgent());
        view.put("publishAt", str(p.publishAt()));
        view.put("expiresAt", str(p.expiresAt()));
        view.put("createdAt", str(p.createdAt()));
        view.put("publishedAt", str(p.publishedAt()));
        view.put("reason", p.reason());
        if (full) {
            List<Map<String, Object>> history = new ArrayList<>();
            for (StateChange change : p.history()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("status", change.status().name());
                entry.put("at", str(change.at()));
                entry.put("by", change.by());
                entry.put("reason", change.reason());
                history.add(entry);
            }
            view.put("history", history);
            var f = p.figures();
            Map<String, Object> delivery = new LinkedHashMap<>();
            delivery.put("matched", f.matched());
            delivery.put("sent", f.sent());
            delivery.put("failed", f.failed());
            delivery.put("disabled", f.disabled());
            delivery.put("deferred", f.deferred());
            delivery.put("firstPushAt", str(f.firstPushAt()));
            delivery.put("lastPushAt", str(f.lastPushAt()));
            view.put("delivery", delivery);
        }
        return view;
    }

    private static String str(Instant at) {
        return at == null ? null : at.toString();
    }
}
