package no.nabolag.core.moderation;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import no.nabolag.core.error.ConflictException;
import no.nabolag.core.error.InvalidInputException;
import no.nabolag.core.error.NotFoundException;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostPage;
import no.nabolag.core.post.PostPosition;
import no.nabolag.core.post.PostPublication;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.PostStore;

/**
 * The communication team's decisions on posts: approve (delivery starts, or the post is SCHEDULED when its
 * publishAt is ahead), reject with a reason, withdraw (out of every feed). Each is one conditional state change,
 * so two moderators cannot both decide; a post in the wrong state gives 409, an unknown one 404. The methods that
 * take a tenant id act only on that tenant's posts: another tenant's post is answered exactly like an unknown one.
 */
public final class Moderation {
    public static final int MAX_REASON = 1000;
    /** The largest page of a post list; the lists themselves have no cap (page on with the next position). */
    public static final int MAX_PAGE = 500;

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

    /** A post of the tenant; empty when there is none or it is another tenant's (which is not revealed). */
    public Optional<Post> find(String tenantId, String postId) {
        return posts.find(postId).filter(post -> post.tenantId().equals(tenantId));
    }

    /** {@link #approve(String, String)} for a post of the tenant: another tenant's post is 404 like an unknown one. */
    public Post approve(String tenantId, String postId, String by) {
        Post before = existing(tenantId, postId);
        return publication.makeDue(before, EnumSet.of(PostStatus.PENDING), by)
                .orElseThrow(() -> conflict(postId, "approved", before));
    }

    /** {@link #reject(String, String, String)} for a post of the tenant. */
    public Post reject(String tenantId, String postId, String by, String reason) {
        String text = reasonText(reason);
        Post before = existing(tenantId, postId);
        return publication.reject(before, by, text).orElseThrow(() -> conflict(postId, "rejected", before));
    }

    /** {@link #withdraw(String, String)} for a post of the tenant. */
    public Post withdraw(String tenantId, String postId, String by) {
        Post before = existing(tenantId, postId);
        return publication.withdraw(before, by).orElseThrow(() -> conflict(postId, "withdrawn", before));
    }

    /**
     * One tenant's posts in a state, newest first, a page at a time (the moderation queue is {@code PENDING}): at most
     * limit (1 to {@value #MAX_PAGE}) after the position, from the newest when it is null. Only that tenant's posts
     * are read.
     */
    public PostPage list(String tenantId, PostStatus status, int limit, PostPosition after) {
        return posts.listNewestFirst(tenantId, status, Math.max(1, Math.min(limit, MAX_PAGE)), after);
    }

    public Post approve(String postId, String by) {
        Post before = existing(postId);
        // The state change itself is conditional, so the post just read is enough: no second read.
        return publication.makeDue(before, EnumSet.of(PostStatus.PENDING), by)
                .orElseThrow(() -> conflict(postId, "approved", before));
    }

    public Post reject(String postId, String by, String reason) {
        String text = reasonText(reason);
        Post before = existing(postId);
        return publication.reject(before, by, text).orElseThrow(() -> conflict(postId, "rejected", before));
    }

    public Post withdraw(String postId, String by) {
        Post before = existing(postId);
        return publication.withdraw(before, by).orElseThrow(() -> conflict(postId, "withdrawn", before));
    }

    public Instant now() {
        return clock.instant();
    }

    private static String reasonText(String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty()) {
            throw new InvalidInputException("reason", "is required");
        }
        if (text.codePointCount(0, text.length()) > MAX_REASON) {
            throw new InvalidInputException("reason", "must be at most " + MAX_REASON + " characters");
        }
        return text;
    }

    private Post existing(String tenantId, String postId) {
        return find(tenantId, postId).orElseThrow(() -> new NotFoundException("No post " + postId));
    }

    private Post existing(String postId) {
        return posts.find(postId).orElseThrow(() -> new NotFoundException("No post " + postId));
    }

    private RuntimeException conflict(String postId, String action, Post before) {
        PostStatus now = posts.find(postId).map(Post::status).orElse(before.status());
        return new ConflictException("Post " + postId + " is " + now + " and cannot be " + action);
    }
}
