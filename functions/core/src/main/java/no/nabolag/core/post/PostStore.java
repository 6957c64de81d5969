package no.nabolag.core.post;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Posts, their state changes and their delivery figures (PostsTable). */
public interface PostStore {

    /** Stores a new post; fails if the id exists. */
    void create(Post post);

    Optional<Post> find(String postId);

    /** Stores a new post made by a form, with the fingerprint of its fields ({@link FormSubmissions}); fails if the id exists. */
    void create(Post post, String formFingerprint);

    /** A post with the fingerprint of the form fields that made it (null for posts not made by a form); consistent. */
    Optional<Submitted> findSubmitted(String postId);

    /**
     * Moves a post to a new state only if it is in one of the expected states (a conditional write, so two
     * moderators or a moderator and the scheduler cannot both win), and appends the change to its history. The post
     * is the one the caller read: its id and tenant name the item (the tenant's lists move with the state).
     *
     * @return the post as it is after the change, or empty when it was not in an expected state (or is unknown)
     */
    Optional<Post> transition(Post post, Set<PostStatus> expected, StateChange change, Transition extra);

    /** One tenant's posts in a state, oldest statusAt first, up to the given time (inclusive); at most limit. */
    List<Post> listByStatus(String tenantId, PostStatus status, Instant until, int limit);

    /**
     * One tenant's posts in a state, newest statusAt first: a page of at most limit posts after the position (from the
     * start when null). Reads only that tenant's posts in that state, whatever other tenants hold.
     */
    PostPage listNewestFirst(String tenantId, PostStatus status, int limit, PostPosition after);

    /**
     * Adds to the delivery figures atomically; first/last push times move only outwards. When pushes were sent,
     * they are also counted in the minute of {@code lastPushAt} (see {@link #pushesPerMinute}).
     */
    void addFigures(String postId, FigureDelta delta);

    /** Pushes sent per minute (UTC, whole minutes), oldest first; empty when none were recorded. */
    default java.util.SortedMap<Instant, Long> pushesPerMinute(String postId) {
        return new java.util.TreeMap<>();
    }

    /** A stored post and the fingerprint of the form fields that made it (null when no form made it). */
    record Submitted(Post post, String formFingerprint) {
    }

    /**
     * Optional extra attributes written with a transition.
     *
     * @param statusAt the status index sort key when it is not the time of the change (SCHEDULED: publishAt)
     */
    record Transition(Instant publishedAt, String reason, Instant statusAt) {
        public static final Transition NONE = new Transition(null, null, null);
    }

    /** Increments of the delivery figures; pushAt is the time of the pushes counted, when any were sent. */
    record FigureDelta(long matched, long sent, long failed, long disabled, long deferred, Instant firstPushAt,
                       Instant lastPushAt) {
        public boolean isEmpty() {
            return matched == 0 && sent == 0 && failed == 0 && disabled == 0 && deferred == 0 && firstPushAt == null;
        }
    }
}
