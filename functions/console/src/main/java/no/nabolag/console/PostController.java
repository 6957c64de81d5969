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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import no.nabolag.console.auth.Member;
import no.nabolag.console.chart.BarChart;
import no.nabolag.console.web.PageContext;
import no.nabolag.console.web.Pages;
import no.nabolag.core.catalog.Catalog;
import no.nabolag.core.log.JsonLog;
import no.nabolag.core.post.DeliveryFigures;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.StateChange;

/**
 * Posts: every post of the member's districts with state and figures, the moderation queue, one post as residents
 * will see it with its history, delivery figures and charts, and the decisions (approve, reject with a reason,
 * withdraw) through core {@code Moderation}, as the admin API makes them. Also the JSON figures route for XHR
 * clients, behind the API Gateway JWT authorizer (the Lambda checks the bearer token again).
 */
@Controller("/console")
@Produces("text/html")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(property = "nabolag.console.configured", value = "true")
public class PostController {
    private static final JsonLog LOG = JsonLog.forClass(PostController.class);
    static final int LIST_LIMIT = 500;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(Views.ZONE);

    private final ConsoleServices services;
    private final Pages pages;
    
    public PostController(ConsoleServices services, Pages pages) {
        this.services = services;
        this.pages = pages;
    }

    @Get("/posts")
    public MutableHttpResponse<?> list(PageContext context) {
        Optional<PostStatus> only = context.query("status").flatMap(PostController::status);
        List<Post> posts = new ArrayList<>();
        Catalog catalog = services.catalog().load();
        // Each of the member's tenants is its own list (newest first): no other tenant's posts are read.
        for (String tenantId : Tenancy.tenants(context.access().member(), catalog)) {
            for (PostStatus status : only.map(List::of).orElse(List.of(PostStatus.values()))) {
                services.moderation().list(tenantId, status, LIST_LIMIT, null).posts().stream()
                        .filter(p -> context.access().canSee(p.tenantId(), p.districtIds()))
                        .forEach(posts::add);
            }
        }
        posts.sort(Comparator.comparing(Post::createdAt).reversed());
        Map<String, Object> scope = context.scope("posts_title");
        scope.put("posts", posts.stream().map(p -> Views.postRow(p, catalog, context)).toList());
        List<Map<String, Object>> statuses = new ArrayList<>();
        for (PostStatus status : PostStatus.values()) {
            statuses.add(Map.of("code", status.name(), "label", context.text("status_" + status.name()),
                    "selected", only.map(status::equals).orElse(false)));
        }
        scope.put("statuses", statuses);
        return pages.page(context.request(), 200, "posts", scope);
    }

    @Get("/moderation")
    public MutableHttpResponse<?> queue(PageContext context) {
        Catalog catalog = services.catalog().load();
        List<Map<String, Object>> rows = Tenancy.tenants(context.access().member(), catalog).stream()
                .flatMap(tenantId -> services.moderation().list(tenantId, PostStatus.PENDING, LIST_LIMIT, null)
                        .posts().stream())
                .filter(p -> context.access().canSee(p.tenantId(), p.districtIds()))
                .map(p -> {
                    Map<String, Object> row = new HashMap<>(Views.postRow(p, catalog, context));
                    row.put("body", p.body());
                    return row;
                }).toList();
        Map<String, Object> scope = context.scope("moderation_title");
        scope.put("posts", rows);
        return pages.page(context.request(), 200, "moderation", scope);
    }

    /** The post if the member may see it; 404 otherwise, so another district's post ids reveal nothing. */
    private Post visible(PageContext context, String postId) {
        Optional<Post> post = services.moderation().find(postId);
        if (post.isEmpty() || !context.access().canSee(post.get().tenantId(), post.get().districtIds())) {
            throw context.fail(404, "error_404");
        }
        return post.get();
    }

    private Post actionable(PageContext context, String postId) {
        Post post = visible(context, postId);
        if (!context.access().canActOn(post.tenantId(), post.districtIds())) {
            throw context.fail(403, "error_403");
        }
        return post;
    }

    @Get("/posts/{postId}")
    public MutableHttpResponse<?> show(PageContext context, @PathVariable String postId) {
        return postPage(context, visible(context, postId), 200, null);
    }

    private MutableHttpResponse<?> postPage(PageContext context, Post post, int status, String error) {
        Catalog catalog = services.catalog().load();
        Map<String, Object> scope = context.scope("post_title");
        scope.put("pageTitle", post.title());
        Map<String, Object> view = new HashMap<>(Views.postRow(post, catalog, context));
        view.put("body", post.body());
        view.put("titleEn", post.titleEn());
        view.put("bodyEn", post.bodyEn());
        view.put("hasEnglish", post.hasEnglish());
        view.put("url", post.url());
        view.put("categories", Views.categoryNames(catalog, post.tenantId(), post.categoryIds(), context.lang()));
        view.put("publishAt", Views.time(post.publishAt()));
        view.put("expiresAt", Views.time(post.expiresAt()));
        view.put("reason", post.reason());
        List<Map<String, Object>> history = new ArrayList<>();
        for (StateChange change : post.history()) {
            Map<String, Object> row = new HashMap<>();
            row.put("status", context.text("status_" + change.status().name()));
            row.put("at", Views.time(change.at()));
            row.put("by", change.by());
            row.put("reason", change.reason());
            history.add(row);
        }
        view.put("history", history);
        view.put("historyAny", !history.isEmpty());
        scope.put("post", view);
        boolean canAct = context.access().canActOn(post.tenantId(), post.districtIds());
        scope.put("canModerate", canAct && post.status() == PostStatus.PENDING);
        scope.put("canWithdraw", canAct && !post.status().isFinal());
        scope.put("rejectError", error);
        charts(scope, post, context);
        String done = context.query("done").orElse("");
        if (List.of("approved", "rejected", "withdrawn", "published").contains(done)) {
            scope.put("notice", context.text("post_" + done + "_notice"));
        }
        return pages.page(context.request(), status, "post", scope);
    }

    /** The two charts and their tables: pushes per minute, and outcomes per device. */
    private void charts(Map<String, Object> scope, Post post, PageContext context) {
        DeliveryFigures f = post.figures();
        SortedMap<Instant, Long> series = services.posts().pushesPerMinute(post.postId());
        List<BarChart.Bar> bars = new ArrayList<>();
        boolean derived = false;
        if (!series.isEmpty()) {
            series.forEach((minute, count) -> bars.add(new BarChart.Bar(MINUTE.format(minute), count)));
        } else if (f.sent() > 0 && f.firstPushAt() != null) {
            // No per-minute series recorded (posts delivered before it existed): one bar over the whole span.
            derived = true;
            Instant last = f.lastPushAt() == null ? f.firstPushAt() : f.lastPushAt();
            bars.add(new BarChart.Bar(MINUTE.format(f.firstPushAt()) + "–" + MINUTE.format(last), f.sent()));
        }
        if (!bars.isEmpty()) {
            String from = bars.get(0).label();
            String to = bars.get(bars.size() - 1).label();
            scope.put("pushesSvg", BarChart.vertical("pushes-chart", context.text("post_pushesChart"),
                    context.text("post_pushesDesc").replace("{0}", from).replace("{1}", to), bars));
            scope.put("pushRows", bars.stream().map(b -> Map.of("minute", b.label(), "count", b.value())).toList());
        }
        scope.put("pushesDerived", derived);
        List<BarChart.Bar> outcomes = List.of(
                new BarChart.Bar(context.text("figures_sent"), f.sent()),
                new BarChart.Bar(context.text("figures_failed"), f.failed()),
                new BarChart.Bar(context.text("figures_disabled"), f.disabled()),
                new BarChart.Bar(context.text("figures_deferred"), f.deferred()));
        scope.put("outcomesSvg", BarChart.horizontal("outcomes-chart", context.text("post_outcomesChart"),
                context.text("post_outcomesDesc").replace("{0}", Long.toString(f.sent()))
                        .replace("{1}", Long.toString(f.failed())).replace("{2}", Long.toString(f.disabled()))
                        .replace("{3}", Long.toString(f.deferred())), outcomes));
        scope.put("outcomeRows", outcomes.stream().map(b -> Map.of("label", b.label(), "count", b.value())).toList());
        scope.put("matched", f.matched());
        scope.put("firstPush", Views.time(f.firstPushAt()));
        scope.put("lastPush", Views.time(f.lastPushAt()));
    }

    @io.micronaut.http.annotation.Post("/posts/{postId}/approve")
    public MutableHttpResponse<?> approve(PageContext context, @PathVariable String postId) {
        Post post = actionable(context, postId);
        services.moderation().approve(post.postId(), by(context.member()));
        LOG.info("post approved from the console", Map.of("postId", post.postId()));
        return pages.redirect("/console/posts/" + post.postId() + "?done=approved");
    }

    @io.micronaut.http.annotation.Post("/posts/{postId}/reject")
    public MutableHttpResponse<?> reject(PageContext context, @PathVariable String postId) {
        Post post = actionable(context, postId);
        String reason = context.form().text("reason");
        if (reason.isEmpty()) {
            return postPage(context, post, 400, context.text("post_reasonRequired"));
        }
        services.moderation().reject(post.postId(), by(context.member()), reason);
        LOG.info("post rejected from the console", Map.of("postId", post.postId()));
        return pages.redirect("/console/posts/" + post.postId() + "?done=rejected");
    }

    @io.micronaut.http.annotation.Post("/posts/{postId}/withdraw")
    public MutableHttpResponse<?> withdraw(PageContext context, @PathVariable String postId) {
        Post post = actionable(context, postId);
        services.moderation().withdraw(post.postId(), by(context.member()));
        LOG.info("post withdrawn from the console", Map.of("postId", post.postId()));
        return pages.redirect("/console/posts/" + post.postId() + "?done=withdrawn");
    }

    /** Who made a change, in the post's history: the console member's subject (no e-mail or name in the table). */
    static String by(Member member) {
        return "console:" + member.subject();
    }

    static Optional<PostStatus> status(String value) {
        try {
            return Optional.of(PostStatus.valueOf(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
