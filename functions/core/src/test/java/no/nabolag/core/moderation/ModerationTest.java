package no.nabolag.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import no.nabolag.core.error.ConflictException;
import no.nabolag.core.error.FieldError;
import no.nabolag.core.error.InvalidInputException;
import no.nabolag.core.error.NotFoundException;
import no.nabolag.core.organization.MutableClock;
import no.nabolag.core.post.InMemoryFeedStore;
import no.nabolag.core.post.InMemoryPostStore;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostPublication;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.RecordingFanoutQueue;
import no.nabolag.core.post.StateChange;
import no.nabolag.core.post.TestPosts;
import org.junit.jupiter.api.Test;

/** The communication team's decisions: approve, reject with a reason, withdraw; each once, and only from its states. */
class ModerationTest {
    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryPostStore posts = new InMemoryPostStore();
    private final InMemoryFeedStore feed = new InMemoryFeedStore();
    private final RecordingFanoutQueue fanout = new RecordingFanoutQueue();
    private final Moderation moderation = new Moderation(posts,
            new PostPublication(posts, feed, fanout, clock), clock);

    private void stored(String postId, PostStatus status) {
        posts.create(TestPosts.post(postId, status, null, clock.instant()));
    }

    @Test
    void anApprovedPostIsPublishedAndTheApproverIsRecorded() {
        // Arrange
        stored("p1", PostStatus.PENDING);

        // Act
        Post approved = moderation.approve("p1", "member:frida");

        // Assert
        assertThat(approved.status()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(approved.history()).extracting(StateChange::by).contains("member:frida");
        assertThat(fanout.sent()).containsExactly("p1");
        assertThat(feed.district("frogner")).hasSize(1);
    }

    @Test
    void anApprovedPostWithAFuturePublishTimeWaitsForIt() {
        // Arrange
        posts.create(TestPosts.post("p1", PostStatus.PENDING, NOW.plus(Duration.ofDays(1)), NOW));

        // Act
        Post approved = moderation.approve("p1", "member:frida");

        // Assert
        assertThat(approved.status()).isEqualTo(PostStatus.SCHEDULED);
        assertThat(fanout.sent()).isEmpty();
    }

    @Test
    void decidingOnAnUnknownPostIsNotFound() {
        assertThatThrownBy(() -> moderation.approve("nope", "member:frida")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> moderation.reject("nope", "member:frida", "why")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> moderation.withdraw("nope", "member:frida")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aSecondDecisionOnTheSamePostIsAConflictThatNamesItsState() {
        // Arrange: one moderator approved already
        stored("p1", PostStatus.PENDING);
        moderation.approve("p1", "member:frida");

        // Act + Assert
        assertThatThrownBy(() -> moderation.approve("p1", "member:ola"))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Post p1 is PUBLISHED and cannot be approved");
        assertThatThrownBy(() -> moderation.reject("p1", "member:ola", "no"))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Post p1 is PUBLISHED and cannot be rejected");
        assertThat(posts.get("p1").status()).isEqualTo(PostStatus.PUBLISHED);
    }

    @Test
    void aRejectionKeepsItsReasonWithoutSurroundingSpace() {
        // Arrange
        stored("p1", PostStatus.PENDING);

        // Act
        Post rejected = moderation.reject("p1", "member:frida", "  Gjelder ikke bydelen \n");

        // Assert
        assertThat(rejected.status()).isEqualTo(PostStatus.REJECTED);
        assertThat(rejected.reason()).isEqualTo("Gjelder ikke bydelen");
        assertThat(fanout.sent()).isEmpty();
    }

    @Test
    void aRejectionNeedsAReasonOfAtMostAThousandCharacters() {
        // Arrange
        stored("p1", PostStatus.PENDING);
        String thousandEmoji = "\uD83D\uDEA7".repeat(Moderation.MAX_REASON); // 1000 characters, 2000 UTF-16 units

        // Act + Assert
        assertThatThrownBy(() -> moderation.reject("p1", "member:frida", " "))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("reason", "is required")));
        assertThatThrownBy(() -> moderation.reject("p1", "member:frida", null))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> moderation.reject("p1", "member:frida", "x".repeat(Moderation.MAX_REASON + 1)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("reason", "must be at most 1000 characters")));
        assertThat(posts.get("p1").status()).as("a refused rejection writes nothing").isEqualTo(PostStatus.PENDING);
        assertThat(moderation.reject("p1", "member:frida", thousandEmoji).reason()).isEqualTo(thousandEmoji);
    }

    @Test
    void withdrawingTakesAPublishedPostOutOfEveryFeed() {
        // Arrange
        stored("p1", PostStatus.PENDING);
        moderation.approve("p1", "member:frida");

        // Act
        Post withdrawn = moderation.withdraw("p1", "member:ola");

        // Assert
        assertThat(withdrawn.status()).isEqualTo(PostStatus.WITHDRAWN);
        assertThat(feed.district("frogner")).isEmpty();
        assertThat(feed.district("sagene")).isEmpty();
    }

    @Test
    void aRejectedPostCannotBeWithdrawn() {
        // Arrange
        stored("p1", PostStatus.PENDING);
        moderation.reject("p1", "member:frida", "Feil bydel");

        // Act + Assert
        assertThatThrownBy(() -> moderation.withdraw("p1", "member:ola"))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Post p1 is REJECTED and cannot be withdrawn");
    }

    @Test
    void theQueueListsOneTenantsPostsOfAStateNewestFirstWithinItsBounds() {
        // Arrange
        stored("first", PostStatus.PENDING);
        clock.advance(Duration.ofMinutes(1));
        stored("second", PostStatus.PENDING);
        posts.create(TestPosts.post("next-year", PostStatus.SCHEDULED, NOW.plus(Duration.ofDays(365)), NOW));

        // Act + Assert
        assertThat(moderation.list("oslo", PostStatus.PENDING, 10, null).posts()).extracting(Post::postId)
                .containsExactly("second", "first");
        assertThat(moderation.list("oslo", PostStatus.PENDING, 0, null).posts()).as("at least one")
                .extracting(Post::postId).containsExactly("second");
        assertThat(moderation.list("oslo", PostStatus.SCHEDULED, 10, null).posts())
                .as("scheduled posts sit in the future").extracting(Post::postId).containsExactly("next-year");
        assertThat(moderation.list("baerum", PostStatus.PENDING, 10, null).posts()).as("another tenant's queue")
                .isEmpty();
    }
}
