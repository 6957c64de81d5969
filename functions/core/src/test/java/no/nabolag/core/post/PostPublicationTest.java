package no.nabolag.core.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import no.nabolag.core.organization.MutableClock;
import org.junit.jupiter.api.Test;

/** The outbox: a post is durable first, then in the feeds, then announced to fan-out, and only then PUBLISHED. */
class PostPublicationTest {
    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryPostStore posts = new InMemoryPostStore();
    private final InMemoryFeedStore feed = new InMemoryFeedStore();
    private final RecordingFanoutQueue fanout = new RecordingFanoutQueue();
    private final PostPublication publication = new PostPublication(posts, feed, fanout, clock);

    private Post post(String postId, PostStatus status) {
        return post(postId, status, null, clock.instant());
    }

    private static Post post(String postId, PostStatus status, Instant publishAt, Instant at) {
        return TestPosts.post(postId, status, publishAt, at);
    }

    @Test
    void anAcceptedPostIsStoredPutInEveryDistrictFeedAnnouncedAndThenPublished() {
        // Act
        PostPublication.Outcome outcome = publication.submit(post("p1", PostStatus.ACCEPTED));

        // Assert
        assertThat(outcome).isEqualTo(PostPublication.Outcome.PUBLISHED);
        assertThat(posts.get("p1").status()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(feed.district("frogner")).containsExactly("2026-11-28T08:00:00.000Z#p1");
        assertThat(feed.district("sagene")).containsExactly("2026-11-28T08:00:00.000Z#p1");
        assertThat(fanout.sent()).containsExactly("p1");
        assertThat(posts.get("p1").history()).extracting(StateChange::status)
                .containsExactly(PostStatus.ACCEPTED, PostStatus.PUBLISHED);
    }

    @Test
    void pendingAndScheduledPostsAreStoredButNotPublished() {
        // Act
        var pending = publication.submit(post("p1", PostStatus.PENDING));
        var scheduled = publication.submit(post("p2", PostStatus.SCHEDULED, NOW.plus(Duration.ofHours(2)), NOW));

        // Assert
        assertThat(pending).isEqualTo(PostPublication.Outcome.NOT_DUE);
        assertThat(scheduled).isEqualTo(PostPublication.Outcome.NOT_DUE);
        assertThat(posts.get("p1").status()).isEqualTo(PostStatus.PENDING);
        assertThat(posts.get("p2").status()).isEqualTo(PostStatus.SCHEDULED);
        assertThat(feed.district("frogner")).isEmpty();
        assertThat(fanout.sent()).isEmpty();
    }

    @Test
    void whenTheQueueIsDownThePostStaysAcceptedAndDurableAndNothingIsThrown() {
        // Arrange
        fanout.goDown();

        // Act
        PostPublication.Outcome outcome = publication.submit(post("p1", PostStatus.ACCEPTED));

        // Assert
        assertThat(outcome).isEqualTo(PostPublication.Outcome.AWAITING_REDRIVE);
        assertThat(posts.get("p1").status()).isEqualTo(PostStatus.ACCEPTED);
        assertThat(feed.district("frogner")).containsExactly("2026-11-28T08:00:00.000Z#p1");
        assertThat(fanout.sent()).isEmpty();
    }

    @Test
    void onlyAcceptedPostsArePublished() {
        // Arrange
        Post pending = post("p1", PostStatus.PENDING);
        posts.create(pending);

        // Act
        PostPublication.Outcome outcome = publication.publish(pending);

        // Assert
        assertThat(outcome).isEqualTo(PostPublication.Outcome.NOT_DUE);
        assertThat(posts.get("p1").status()).isEqualTo(PostStatus.PENDING);
        assertThat(feed.writes()).isZero();
        assertThat(fanout.sent()).isEmpty();
    }

    @Test
    void approvingAPendingPostWithoutATimePublishesItNowAndRecordsWhoApproved() {
        // Arrange
        posts.create(post("p1", PostStatus.PENDING));
        clock.advance(Duration.ofMinutes(5));

        // Act
        Optional<Post> after = publication.makeDue("p1", EnumSet.of(PostStatus.PENDING), "member:frida");

        // Assert
        assertThat(after).get().extracting(Post::status).isEqualTo(PostStatus.PUBLISHED);
        assertThat(after.get().publishedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(after.get().history()).extracting(StateChange::status, StateChange::by).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PostStatus.PENDING, "link:l1"),
                org.assertj.core.groups.Tuple.tuple(PostStatus.ACCEPTED, "member:frida"),
                org.assertj.core.groups.Tuple.tuple(PostStatus.PUBLISHED, "system"));
        assertThat(fanout.sent()).containsExactly("p1");
    }

    @Test
    void approvingAPostWhosePublishTimeIsAheadSchedulesItForThatTime() {
        // Arrange
        Instant publishAt = NOW.plus(Duration.ofHours(3));
        posts.create(post("p1", PostStatus.PENDING, publishAt, NOW));

        // Act
        Optional<Post> after = publication.makeDue("p1", EnumSet.of(PostStatus.PENDING), "member:frida");

        // Assert
        assertThat(after).get().extracting(Post::status, Post::statusAt)
                .containsExactly(PostStatus.SCHEDULED, publishAt);
        assertThat(feed.writes()).isZero();
        assertThat(fanout.sent()).isEmpty();
    }

    @Test
    void aPostApprovedAfterItsPublishTimeIsPublishedAsOfThatTime() {
        // Arrange: publishAt passed while the post waited for approval
        Instant publishAt = NOW.minus(Duration.ofMinutes(30));
        posts.create(post("p1", PostStatus.PENDING, publishAt, NOW.minus(Duration.ofHours(1))));

        // Act
        Optional<Post> after = publication.makeDue("p1", EnumSet.of(PostStatus.PENDING), "member:frida");

        // Assert: its feed position is its publishAt, not the moment of approval
        assertThat(after).get().extracting(Post::status, Post::publishedAt)
                .containsExactly(PostStatus.PUBLISHED, publishAt);
        assertThat(feed.district("frogner")).containsExactly("2026-11-28T07:30:00.000Z#p1");
    }

    @Test
    void makingDueAPostInAnotherStateChangesNothing() {
        // Arrange
        publication.submit(post("p1", PostStatus.ACCEPTED));
        List<String> before = posts.transitions();

        // Act
        Optional<Post> after = publication.makeDue("p1", EnumSet.of(PostStatus.PENDING), "member:frida");
        Optional<Post> unknown = publication.makeDue("nope", EnumSet.of(PostStatus.PENDING), "member:frida");

        // Assert
        assertThat(after).isEmpty();
        assertThat(unknown).isEmpty();
        assertThat(posts.transitions()).isEqualTo(before);
    }

    @Test
    void theSchedulerReleasesScheduledPostsWhoseTimeHasComeAndLeavesTheRest() {
        // Arrange
        posts.create(post("soon", PostStatus.SCHEDULED, NOW.plus(Duration.ofMinutes(1)), NOW));
        posts.create(post("later", PostStatus.SCHEDULED, NOW.plus(Duration.ofHours(1)), NOW));
        clock.advance(Duration.ofMinutes(2));

        // Act
        int released = publication.releaseDue(List.of("oslo"));

        // Assert
        assertThat(released).isEqualTo(1);
        assertThat(posts.get("soon").status()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(posts.get("soon").publishedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
        assertThat(posts.get("later").status()).isEqualTo(PostStatus.SCHEDULED);
        assertThat(fanout.sent()).containsExactly("soon");
    }

    @Test
    void theSchedulerRedrivesPostsStuckInAcceptedOnceTheyAreOlderThanTheRedriveDelay() {
        // Arrange: the queue was down when both were submitted
        fanout.goDown();
        publication.submit(post("old", PostStatus.ACCEPTED));
        clock.advance(PostPublication.REDRIVE_AFTER.plusSeconds(1));
        publication.submit(post("fresh", PostStatus.ACCEPTED));
        fanout.comeBack();

        // Act
        int redriven = publication.redriveStuck(List.of("oslo"));

        // Assert: only the old one; the fresh one may still have its send in flight
        assertThat(redriven).isEqualTo(1);
        assertThat(posts.get("old").status()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(posts.get("fresh").status()).isEqualTo(PostStatus.ACCEPTED);
        assertThat(fanout.sent()).containsExactly("old");
        assertThat(feed.district("frogner")).as("a re-drive writes the same feed key again, never a second one")
                .containsExactly("2026-11-28T08:00:00.000Z#old", "2026-11-28T08:00:31.000Z#fresh");
    }

    @Test
    void aRedriveWhileTheQueueIsStillDownLeavesThePostForTheNextRun() {
        // Arrange
        fanout.goDown();
        publication.submit(post("p1", PostStatus.ACCEPTED));
        clock.advance(Duration.ofMinutes(1));

        // Act
        int redriven = publication.redriveStuck(List.of("oslo"));

        // Assert
        assertThat(redriven).isZero();
        assertThat(posts.get("p1").status()).isEqualTo(PostStatus.ACCEPTED);
    }

    @Test
    void aWithdrawnPostLeavesEveryFeedAndCannotBeWithdrawnTwice() {
        // Arrange
        publication.submit(post("p1", PostStatus.ACCEPTED));

        // Act
        Optional<Post> first = publication.withdraw(posts.get("p1"), "member:frida");
        Optional<Post> second = publication.withdraw(posts.get("p1"), "member:frida");

        // Assert
        assertThat(first).get().extracting(Post::status).isEqualTo(PostStatus.WITHDRAWN);
        assertThat(second).isEmpty();
        assertThat(feed.district("frogner")).isEmpty();
        assertThat(feed.district("sagene")).isEmpty();
    }

    @Test
    void onlyAPendingPostCanBeRejectedAndItKeepsTheReason() {
        // Arrange
        posts.create(post("pending", PostStatus.PENDING));
        publication.submit(post("published", PostStatus.ACCEPTED));

        // Act
        Optional<Post> rejected = publication.reject(posts.get("pending"), "member:frida", "Gjelder ikke bydelen");
        Optional<Post> refused = publication.reject(posts.get("published"), "member:frida", "For sent");

        // Assert
        assertThat(rejected).get().extracting(Post::status, Post::reason)
                .containsExactly(PostStatus.REJECTED, "Gjelder ikke bydelen");
        assertThat(refused).isEmpty();
        assertThat(posts.get("published").status()).isEqualTo(PostStatus.PUBLISHED);
    }
}
