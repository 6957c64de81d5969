package no.nabolag.local.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import no.nabolag.aws.post.AwsPostPublication;
import no.nabolag.aws.post.DynamoDbPostStore;
import no.nabolag.aws.post.PostItems;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostPublication;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.StateChange;
import no.nabolag.scheduler.SchedulerHandler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Issue 13 item 3: each tenant's posts are listed from its own index key, newest first, a page at a time with an
 * opaque cursor, without a cap; another tenant's posts, however many, are never read, and the scheduler works
 * tenant by tenant. Posts are written straight into PostsTable through the store (hundreds of them, fast).
 */
class TenantPostListsIT {
    private final PublisherClient client = new PublisherClient();
    private final DynamoDbPostStore posts = new DynamoDbPostStore(client.stack.dynamoDb(),
            client.stack.tableName("PostsTable"));

    private String tenant() {
        String tenant = "liste-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(client.admin("PUT", "/admin/v1/tenants/" + tenant,
                "{\"name\":\"Listeby\",\"defaultLocale\":\"nb\",\"timeZone\":\"Europe/Oslo\"}").statusCode()).isEqualTo(201);
        return tenant;
    }

    /** A post of the tenant in a state since the given time (statusAt). */
    private Post post(String tenant, PostStatus status, Instant at, String title) {
        Post post = build(tenant, status, at, title);
        posts.create(post);
        return post;
    }

    /** Many posts at once (BatchWriteItem, 25 a call); each as {@link #post} would store it. */
    private List<Post> many(int count, IntFunction<Post> post) {
        List<Post> all = IntStream.range(0, count).mapToObj(post).toList();
        for (int from = 0; from < all.size(); from += 25) {
            List<WriteRequest> puts = all.subList(from, Math.min(from + 25, all.size())).stream()
                    .map(p -> WriteRequest.builder().putRequest(r -> r.item(PostItems.toItem(p))).build()).toList();
            var unprocessed = client.stack.dynamoDb().batchWriteItem(r -> r.requestItems(
                    java.util.Map.of(client.stack.tableName("PostsTable"), puts))).unprocessedItems();
            assertThat(unprocessed).isEmpty();
        }
        return all;
    }

    private static Post build(String tenant, PostStatus status, Instant at, String title) {
        return new Post(UUID.randomUUID().toString().replace("-", ""), tenant, "org-" + tenant, "Lag",
                List.of("d-" + tenant), List.of("c"), title, "Tekst", null, null, null, false,
                status == PostStatus.SCHEDULED ? at : null, null, at,
                status == PostStatus.PUBLISHED || status == PostStatus.ACCEPTED ? at : null,
                status, at, null, List.of(new StateChange(status, at, "test", null)), null);
    }

    /** Every page of a list, following X-Next-Cursor; the post ids in the order served. */
    private List<String> allPages(String tenant, String status, int limit, List<Integer> pageSizes) {
        List<String> ids = new ArrayList<>();
        String path = "/admin/v1/tenants/" + tenant + "/posts?status=" + status + "&limit=" + limit;
        Optional<String> cursor = Optional.empty();
        do {
            HttpResponse<String> page = client.admin("GET", path + cursor.map(c -> "&cursor=" + c).orElse(""), null);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode array = client.json(page);
            pageSizes.add(array.size());
            array.forEach(p -> ids.add(p.get("postId").asText()));
            cursor = page.headers().firstValue("x-next-cursor");
            cursor.ifPresent(c -> assertThat(page.headers().firstValue("link")).hasValueSatisfying(link ->
                    assertThat(link).contains("cursor=" + c).endsWith("rel=\"next\"")));
        } while (cursor.isPresent());
        return ids;
    }

    @Test
    void aTenantsListIsNewestFirstWithoutACapAndNoOtherTenantsPostsGetInTheWay() {
        String busy = tenant();
        String quiet = tenant();
        Instant start = Instant.parse("2026-01-01T08:00:00Z");
        // The busy tenant has more published posts than any page, and a pile of pending ones on top.
        List<String> published = many(520, i -> build(busy, PostStatus.PUBLISHED, start.plusSeconds(60L * i), "Nr " + i))
                .stream().map(Post::postId).toList();
        many(30, i -> build(busy, PostStatus.PENDING, start.plusSeconds(i), "Venter " + i));
        Post quietOne = post(quiet, PostStatus.PUBLISHED, start, "Stille");

        List<Integer> pageSizes = new ArrayList<>();
        List<String> served = allPages(busy, "PUBLISHED", 500, pageSizes);

        assertThat(pageSizes).containsExactly(500, 20);
        assertThat(served).as("all 520, newest first, each once").isEqualTo(reversed(published));
        assertThat(allPages(quiet, "PUBLISHED", 500, new ArrayList<>())).containsExactly(quietOne.postId());
        assertThat(allPages(quiet, "PENDING", 100, new ArrayList<>())).isEmpty();
    }

    @Test
    void smallPagesFollowEachOtherExactlyAndTheLastHasNoCursor() {
        String tenant = tenant();
        Instant start = Instant.parse("2026-02-01T08:00:00Z");
        List<String> pending = IntStream.range(0, 7)
                .mapToObj(i -> post(tenant, PostStatus.PENDING, start.plusSeconds(i), "Venter " + i).postId()).toList();

        List<Integer> pageSizes = new ArrayList<>();
        List<String> served = allPages(tenant, "PENDING", 3, pageSizes);
        HttpResponse<String> exact = client.admin("GET", "/admin/v1/tenants/" + tenant + "/posts?status=PENDING&limit=7",
                null);

        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(served).isEqualTo(reversed(pending));
        assertThat(client.json(exact).size()).isEqualTo(7);
        assertThat(exact.headers().firstValue("x-next-cursor")).as("a full last page has no next").isEmpty();
    }

    @Test
    void aCursorIsTamperEvidentAndBoundToItsTenantAndState() {
        String tenant = tenant();
        String other = tenant();
        Instant start = Instant.parse("2026-03-01T08:00:00Z");
        IntStream.range(0, 3).forEach(i -> post(tenant, PostStatus.PENDING, start.plusSeconds(i), "Venter " + i));
        String cursor = client.admin("GET", "/admin/v1/tenants/" + tenant + "/posts?status=PENDING&limit=1", null)
                .headers().firstValue("x-next-cursor").orElseThrow();
        // One character of the signature changed (not the last, whose low bits base64 may not use)
        String flipped = cursor.substring(0, cursor.length() - 2) + (cursor.charAt(cursor.length() - 2) == 'A' ? "B" : "A")
                + cursor.charAt(cursor.length() - 1);

        List<HttpResponse<String>> refused = List.of(
                client.admin("GET", "/admin/v1/tenants/" + tenant + "/posts?status=PENDING&cursor=" + flipped, null),
                client.admin("GET", "/admin/v1/tenants/" + tenant + "/posts?status=PENDING&cursor=garbage", null),
                client.admin("GET", "/admin/v1/tenants/" + other + "/posts?status=PENDING&cursor=" + cursor, null),
                client.admin("GET", "/admin/v1/tenants/" + tenant + "/posts?status=REJECTED&cursor=" + cursor, null));

        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(client.json(response).path("errors").findValuesAsText("field")).containsExactly("cursor");
        }
        assertThat(client.admin("GET", "/admin/v1/tenants/" + tenant + "/posts?status=PENDING&cursor=" + cursor, null)
                .statusCode()).isEqualTo(200);
    }

    @Test
    void dueReleasesAreTakenTenantByTenantSoABacklogNeverHoldsBackAnotherTenant() {
        String crowded = tenant();
        String small = tenant();
        // Due tomorrow, and released by a clock two days ahead: the stack's own minute timer leaves them alone.
        Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);
        List<Post> backlog = IntStream.range(0, 8)
                .mapToObj(i -> post(crowded, PostStatus.SCHEDULED, tomorrow.minusSeconds(i), "Planlagt " + i)).toList();
        Post due = post(small, PostStatus.SCHEDULED, tomorrow, "Planlagt");
        PostPublication publication = AwsPostPublication.from(client.stack.settingsOf("SchedulerFunction"),
                client.stack.dynamoDb(), client.stack.sqs(),
                java.time.Clock.fixed(tomorrow.plus(1, ChronoUnit.DAYS), java.time.ZoneOffset.UTC));

        // A run that takes at most 5 posts per tenant (the scheduler takes 100)
        int released = publication.releaseDue(List.of(crowded, small), 5);

        assertThat(released).isEqualTo(6);
        assertThat(posts.find(due.postId()).orElseThrow().status()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(backlog.stream().filter(p -> posts.find(p.postId()).orElseThrow().status() == PostStatus.PUBLISHED)
                .map(Post::postId)).as("the crowded tenant's five oldest").containsExactlyInAnyOrderElementsOf(
                        backlog.subList(3, 8).stream().map(Post::postId).toList());
    }

    @Test
    void theSchedulerFindsTheTenantsInTheCatalogAndReleasesDueAndStuckPosts() {
        String tenant = tenant();
        Instant past = Instant.now().minus(10, ChronoUnit.MINUTES);
        Post due = post(tenant, PostStatus.SCHEDULED, past, "Planlagt");
        Post stuck = post(tenant, PostStatus.ACCEPTED, past, "Fast");
        Post later = post(tenant, PostStatus.SCHEDULED, Instant.now().plus(1, ChronoUnit.DAYS), "Senere");

        new SchedulerHandler(client.stack.settingsOf("SchedulerFunction")).handleRequest(null, null);

        assertThat(posts.find(due.postId()).orElseThrow().status()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(posts.find(stuck.postId()).orElseThrow().status()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(posts.find(later.postId()).orElseThrow().status()).isEqualTo(PostStatus.SCHEDULED);
    }

    private static List<String> reversed(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
