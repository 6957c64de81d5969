package no.nabolag.core.post;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PostsTable in memory, for unit tests of the rules that use it: the same contract as DynamoDbPostStore (create fails
 * on a taken id, a transition is conditional on the expected states and appends to the history, the status index is
 * ordered by statusAt). The integration tests use the real adapter against dynalite.
 */
public final class InMemoryPostStore implements PostStore {
    private final Map<String, Post> posts = new LinkedHashMap<>();
    private final Map<String, String> fingerprints = new HashMap<>();
    private final List<String> transitions = new ArrayList<>();

    @Override
    public synchronized void create(Post post) {
        if (posts.putIfAbsent(post.postId(), post) != null) {
            throw new IllegalStateException("post " + post.postId() + " exists");
        }
    }

    @Override
    public synchronized void create(Post post, String formFingerprint) {
        create(post);
        fingerprints.put(post.postId(), formFingerprint);
    }

    @Override
    public synchronized Optional<Submitted> findSubmitted(String postId) {
        return find(postId).map(p -> new Submitted(p, fingerprints.get(postId)));
    }

    @Override
    public synchronized Optional<Post> find(String postId) {
        return Optional.ofNullable(posts.get(postId));
    }

    @Override
    public synchronized Optional<Post> transition(Post post, Set<PostStatus> expected, StateChange change,
                                                  Transition extra) {
        String postId = post.postId();
        Post p = posts.get(postId);
        if (p == null || !expected.contains(p.status())) {
            return Optional.empty();
        }
        List<StateChange> history = new ArrayList<>(p.history());
        history.add(change);
        Post after = new Post(p.postId(), p.tenantId(), p.organizationId(), p.organizationName(), p.districtIds(),
                p.categoryIds(), p.title(), p.body(), p.titleEn(), p.bodyEn(), p.url(), p.urgent(), p.publishAt(),
                p.expiresAt(), p.createdAt(), extra.publishedAt() != null ? extra.publishedAt() : p.publishedAt(),
                change.status(), extra.statusAt() != null ? extra.statusAt() : change.at(),
                extra.reason() != null ? extra.reason() : p.reason(), history, p.figures());
        posts.put(postId, after);
        transitions.add(postId + ": " + p.status() + " -> " + change.status());
        return Optional.of(after);
    }

    @Override
    public synchronized List<Post> listByStatus(String tenantId, PostStatus status, Instant until, int limit) {
        return posts.values().stream()
                .filter(p -> p.tenantId().equals(tenantId) && p.status() == status && !p.statusAt().isAfter(until))
                .sorted(Comparator.comparing(Post::statusAt))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized PostPage listNewestFirst(String tenantId, PostStatus status, int limit, PostPosition after) {
        // The index's order: statusAt, then post id, newest first; a page starts after the position.
        Comparator<Post> newestFirst = Comparator.comparing(Post::statusAt).thenComparing(Post::postId).reversed();
        List<Post> matching = posts.values().stream()
                .filter(p -> p.tenantId().equals(tenantId) && p.status() == status)
                .sorted(newestFirst)
                .filter(p -> after == null || newestFirst.compare(p, positioned(after)) > 0)
                .toList();
        List<Post> page = matching.stream().limit(limit).toList();
        Optional<PostPosition> next = matching.size() > limit
                ? Optional.of(new PostPosition(page.get(limit - 1).statusAt().toString(), page.get(limit - 1).postId()))
                : Optional.empty();
        return new PostPage(page, next);
    }

    private Post positioned(PostPosition at) {
        Post p = posts.get(at.postId());
        return p != null ? p : posts.values().iterator().next();
    }

    @Override
    public void addFigures(String postId, FigureDelta delta) {
        throw new UnsupportedOperationException("delivery figures are not part of these tests");
    }

    /** The post as stored now (fails when unknown). */
    public synchronized Post get(String postId) {
        return find(postId).orElseThrow();
    }

    /** Every state change that happened, "id: FROM -> TO", in order. */
    public synchronized List<String> transitions() {
        return List.copyOf(transitions);
    }
}
