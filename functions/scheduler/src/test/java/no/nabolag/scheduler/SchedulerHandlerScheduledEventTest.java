package no.nabolag.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.nabolag.core.delivery.Deferral;
import no.nabolag.core.delivery.DeferralRelease;
import no.nabolag.core.delivery.DeliveryTask;
import no.nabolag.core.delivery.Fakes;
import no.nabolag.core.delivery.Recipient;
import no.nabolag.core.post.InMemoryFeedStore;
import no.nabolag.core.post.InMemoryPostStore;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostPublication;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.PostPage;
import no.nabolag.core.post.PostPosition;
import no.nabolag.core.post.PostStore;
import no.nabolag.core.post.RecordingFanoutQueue;
import no.nabolag.core.post.StateChange;
import no.nabolag.core.post.TestPosts;
import org.junit.jupiter.api.Test;

/**
 * The scheduler fed the EventBridge scheduled event as Lambda delivers it: {@code events/scheduled-event.json} is the
 * example of the AWS Lambda Developer Guide ("Using AWS Lambda with Amazon EventBridge (CloudWatch Events)"), read
 * with the Lambda Java runtime's own serializer. Its three duties run on core's in-memory ports.
 */
class SchedulerHandlerScheduledEventTest {
    private static final Instant NOW = Instant.parse("2026-11-28T06:00:30Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryPostStore posts = new InMemoryPostStore();
    private final RecordingFanoutQueue fanout = new RecordingFanoutQueue();
    private final Fakes.Ledger ledger = new Fakes.Ledger();
    private final Fakes.Queue delivery = new Fakes.Queue();

    private static ScheduledEvent documentedEvent() {
        try (InputStream in = SchedulerHandlerScheduledEventTest.class.getResourceAsStream("/events/scheduled-event.json")) {
            return LambdaEventSerializers.serializerFor(ScheduledEvent.class,
                    SchedulerHandlerScheduledEventTest.class.getClassLoader()).fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SchedulerHandler handler(PostStore store) {
        return new SchedulerHandler(new PostPublication(store, new InMemoryFeedStore(), fanout, clock),
                () -> List.of("oslo"), new DeferralRelease(ledger, delivery, clock));
    }

    /** A scheduled post whose time has come, one stuck in ACCEPTED, and pushes deferred to a passed minute. */
    private void workForEveryDuty() {
        posts.create(TestPosts.post("due", PostStatus.SCHEDULED, NOW.minus(Duration.ofMinutes(1)),
                NOW.minus(Duration.ofHours(1))));
        posts.create(TestPosts.post("stuck", PostStatus.ACCEPTED, null, NOW.minus(Duration.ofMinutes(2))));
        ledger.defer(List.of(new Deferral("2026-11-28T05:45", "p0",
                new Recipient("dev1", "arn:dev1", "ANDROID", "nb", "frogner"))));
    }

    @Test
    void theDocumentedEventIsAScheduledEvent() {
        // Act
        ScheduledEvent event = documentedEvent();

        // Assert
        assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(event.getSource()).isEqualTo("aws.events");
        assertThat(event.getResources()).containsExactly("arn:aws:events:us-east-2:123456789012:rule/my-schedule");
    }

    @Test
    void eachRunReleasesDuePostsRedrivesStuckOnesAndHandsOverDeferredMinutes() {
        // Arrange
        workForEveryDuty();

        // Act
        Map<String, Object> done = handler(posts).handleRequest(documentedEvent(), null);

        // Assert
        assertThat(done).containsExactly(Map.entry("released", 1), Map.entry("redriven", 1),
                Map.entry("deferredMinutes", 1));
        assertThat(posts.get("due").status()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(posts.get("stuck").status()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(fanout.sent()).containsExactlyInAnyOrder("due", "stuck");
        assertThat(delivery.sent).extracting(DeliveryTask::minute).containsExactly("2026-11-28T05:45");
    }

    @Test
    void aFailingDutyDoesNotKeepTheOthersFromRunningButFailsTheRun() {
        // Arrange: the status index cannot be read for SCHEDULED posts
        workForEveryDuty();
        IllegalStateException outage = new IllegalStateException("status index unavailable");
        PostStore failingReleases = new PostStore() {
            @Override
            public void create(Post post) {
                posts.create(post);
            }

            @Override
            public void create(Post post, String formFingerprint) {
                posts.create(post, formFingerprint);
            }

            @Override
            public Optional<Post> find(String postId) {
                return posts.find(postId);
            }

            @Override
            public Optional<Submitted> findSubmitted(String postId) {
                return posts.findSubmitted(postId);
            }

            @Override
            public Optional<Post> transition(Post post, Set<PostStatus> expected, StateChange change,
                                             Transition extra) {
                return posts.transition(post, expected, change, extra);
            }

            @Override
            public List<Post> listByStatus(String tenantId, PostStatus status, Instant until, int limit) {
                if (status == PostStatus.SCHEDULED) {
                    throw outage;
                }
                return posts.listByStatus(tenantId, status, until, limit);
            }

            @Override
            public PostPage listNewestFirst(String tenantId, PostStatus status, int limit, PostPosition after) {
                return posts.listNewestFirst(tenantId, status, limit, after);
            }

            @Override
            public void addFigures(String postId, FigureDelta delta) {
                posts.addFigures(postId, delta);
            }
        };

        // Act
        Throwable thrown = catchThrowable(() -> handler(failingReleases).handleRequest(documentedEvent(), null));

        // Assert: the run fails with the duty's error (so its alarm fires), after the other two did their work
        assertThat(thrown).isSameAs(outage);
        assertThat(posts.get("due").status()).isEqualTo(PostStatus.SCHEDULED);
        assertThat(posts.get("stuck").status()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(delivery.sent).extracting(DeliveryTask::minute).containsExactly("2026-11-28T05:45");
    }
}
