package no.nabolag.core.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class FormSubmissionsTest {
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private final SubmittedPosts store = new SubmittedPosts();
    private final FormSubmissions submissions = new FormSubmissions(store);

    private static Post post(String postId, String title) {
        return new Post(postId, "oslo", "org1", "Sagene bydel", List.of("sagene"), List.of("youth"), title, "Body",
                null, null, null, false, null, null, NOW, NOW, PostStatus.ACCEPTED, NOW, null,
                List.of(new StateChange(PostStatus.ACCEPTED, NOW, "link:l1", null)), null);
    }

    @Test
    void aFormMakesOnePostWhoseIdDependsOnTheSenderAndTheFormOnly() {
        String id = FormSubmissions.postId("link:l1", "k1.1700000000.nonce");

        assertThat(id).matches("[0-9a-f]{32}").isEqualTo(FormSubmissions.postId("link:l1", "k1.1700000000.nonce"));
        assertThat(FormSubmissions.postId("link:l2", "k1.1700000000.nonce")).isNotEqualTo(id);
        assertThat(FormSubmissions.postId("console:sub", "k1.1700000000.nonce")).isNotEqualTo(id);
        assertThat(FormSubmissions.postId("link:l1", "k1.1700000000.other")).isNotEqualTo(id);
    }

    @Test
    void theFingerprintIsOfTheFieldsNotOfTheirOrder() {
        String one = FormSubmissions.fingerprint(Map.of("title", "T", "body", "B", "urgent", false,
                "district", List.of("a", "b")));
        String same = FormSubmissions.fingerprint(new java.util.LinkedHashMap<>(Map.of("district", List.of("a", "b"),
                "urgent", false, "body", "B", "title", "T")));

        assertThat(one).isEqualTo(same).matches("[0-9a-f]{64}");
        assertThat(FormSubmissions.fingerprint(Map.of("title", "T", "body", "B.", "urgent", false,
                "district", List.of("a", "b")))).isNotEqualTo(one);
        assertThat(FormSubmissions.fingerprint(Map.of("title", "T", "body", "B", "urgent", true,
                "district", List.of("a", "b")))).isNotEqualTo(one);
    }

    @Test
    void anUnusedFormHasNothingEarlierAndCreatesItsPost() {
        String id = FormSubmissions.postId("link:l1", "f1");

        assertThat(submissions.earlier(id, "fp")).isEmpty();
        FormSubmissions.Outcome outcome = submissions.create(post(id, "First"), "fp");

        assertThat(outcome).isInstanceOf(FormSubmissions.Created.class);
        assertThat(store.posts.get(id).formFingerprint()).isEqualTo("fp");
    }

    @Test
    void theSameFieldsAgainAreARepeatOfTheFirstPost() {
        String id = FormSubmissions.postId("link:l1", "f1");
        submissions.create(post(id, "First"), "fp");

        assertThat(submissions.earlier(id, "fp")).containsInstanceOf(FormSubmissions.Repeated.class)
                .map(FormSubmissions.Outcome::post).map(Post::title).contains("First");
    }

    @Test
    void changedFieldsUnderAUsedFormAreRefusedWithTheFirstVersion() {
        String id = FormSubmissions.postId("link:l1", "f1");
        submissions.create(post(id, "First"), "fp");

        Optional<FormSubmissions.Outcome> earlier = submissions.earlier(id, "fp-edited");

        assertThat(earlier).containsInstanceOf(FormSubmissions.Changed.class)
                .map(FormSubmissions.Outcome::post).map(Post::title).contains("First");
    }

    @Test
    void aSecondSendingThatLosesTheRaceStoresNothingAndIsJudgedAgainstTheWinner() {
        String id = FormSubmissions.postId("link:l1", "f1");
        submissions.create(post(id, "First"), "fp");

        FormSubmissions.Outcome same = submissions.create(post(id, "First"), "fp");
        FormSubmissions.Outcome edited = submissions.create(post(id, "Edited"), "fp-edited");

        assertThat(same).isInstanceOf(FormSubmissions.Repeated.class);
        assertThat(edited).isInstanceOf(FormSubmissions.Changed.class);
        assertThat(edited.post().title()).isEqualTo("First");
        assertThat(store.posts).hasSize(1);
    }

    @Test
    void aStoreFailureThatLeftNoPostIsNotMistakenForASecondSending() {
        store.failing = true;

        assertThatThrownBy(() -> submissions.create(post("p1", "First"), "fp")).hasMessage("store down");
    }

    /** Just enough of a post store: create with a fingerprint (conditional on the id) and a consistent read. */
    private static final class SubmittedPosts implements PostStore {
        final Map<String, Submitted> posts = new ConcurrentHashMap<>();
        boolean failing;

        @Override
        public void create(Post post) {
            create(post, null);
        }

        @Override
        public void create(Post post, String formFingerprint) {
            if (failing) {
                throw new IllegalStateException("store down");
            }
            if (posts.putIfAbsent(post.postId(), new Submitted(post, formFingerprint)) != null) {
                throw new IllegalStateException("post exists");
            }
        }

        @Override
        public Optional<Post> find(String postId) {
            return findSubmitted(postId).map(Submitted::post);
        }

        @Override
        public Optional<Submitted> findSubmitted(String postId) {
            return Optional.ofNullable(posts.get(postId));
        }

        @Override
        public Optional<Post> transition(Post post, Set<PostStatus> expected, StateChange change, Transition extra) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Post> listByStatus(String tenantId, PostStatus status, Instant until, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PostPage listNewestFirst(String tenantId, PostStatus status, int limit, PostPosition after) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addFigures(String postId, FigureDelta delta) {
            throw new UnsupportedOperationException();
        }
    }
}
