package no.nabolag.core.moderation;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import no.nabolag.core.error.ConflictException;
import no.nabolag.core.error.InvalidInputException;
import no.nabolag.core.error.NotFoundException;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostPublication;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.PostStore;

/**
 * The communication team's decisions on posts: approve (delivery starts, or the post is SCHEDULED when its
 * publishAt is ahead), reject with a reason, withdraw (out of every feed). Each is one conditional state change,
 * so two moderators cannot both decide; a post in the wrong state gives 409, an unknown one 404.
 */
public final class Moderation {
    public static final int MAX_REASON = 1000;
    public static final int MAX_QUEUE = 500;
    /** The end of the status index's range: statusAt of SCHEDULED posts lies in the future. */
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");

    private final PostStore posts;
    private final PostPublication publication;
    private final Clock clock;

    public Moderation(PostStore posts, PostPublication publication, Clock clock) {
        this.posts = posts;
        this.publication = publication;
        this.clock = clock;
    }

    public Optional<Post> find(String postId) {
        return posts.find(postId);
    }

    /** Posts in a state, oldest first (the moderation queue is {@code PENDING}). */
    public List<Post> queue(PostStatus status, int limit) {
        return posts.listByStatus(status, END_OF_TIME, Math.max(1, Math.min(limit, MAX_QUEUE)));
    }

    public Post approve(String postId, String by) {
        Post before = existing(postId);
        // The state change itself is conditional, so the post just read is enough: no second read.
        return publication.makeDue(before, EnumSet.of(PostStatus.PENDING), by)
                .orElseThrow(() -> conflict(postId, "approved", before));
    }

    public Post reject(String postId, String by, String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty()) {
            throw new InvalidInputException("reason", "is required");
        }
        if (text.codePointCount(0, text.length()) > MAX_REASON) {
            throw new InvalidInputException("reason", "must be at most " + MAX_REASON + " characters");
        }
        Post before = existing(postId);
        return publication.reject(postId, by, text).orElseThrow(() -> conflict(postId, "rejected", before));
    }

    public Post withdraw(String postId, String by) {
        Post before = existing(postId);
        return publication.withdraw(postId, by).orElseThrow(() -> conflict(postId, "withdrawn", before));
    }

    public Instant now() {
        return clock.instant();
    }

    private Post existing(String postId) {
        return posts.find(postId).orElseThrow(() -> new NotFoundException("No post " + postId));
    }

    private RuntimeException conflict(String postId, String action, Post before) {
        PostStatus now = posts.find(postId).map(Post::status).orElse(before.status());
        return new ConflictException("Post " + postId + " is " + now + " and cannot be " + action);
    }
}
