package no.nabolag.core.post;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nabolag.core.log.JsonLog;

/**
 * Makes due posts public without losing any: the post is stored first, then its feed entries are written,
 * then its fan-out message is sent, and only then does it move ACCEPTED -> PUBLISHED. A failed send leaves it
 * ACCEPTED, and the scheduler's {@link #redriveStuck} sends it again (at-least-once; delivery is idempotent).
 */
public final class PostPublication {
    /** Posts ACCEPTED longer than this are taken to have lost their fan-out message. */
    public static final Duration REDRIVE_AFTER = Duration.ofSeconds(30);
    private static final int BATCH = 100;
    private static final JsonLog LOG = JsonLog.forClass(PostPublication.class);

    private final PostStore posts;
    private final FeedStore feed;
    private final FanoutQueue fanout;
    private final Clock clock;

    public PostPublication(PostStore posts, FeedStore feed, FanoutQueue fanout, Clock clock) {
        this.posts = posts;
        this.feed = feed;
        this.fanout = fanout;
        this.clock = clock;
    }

    /** What became of a publish attempt. */
    public enum Outcome { PUBLISHED, AWAITING_REDRIVE, NOT_DUE }

    /**
     * Stores a new post in whatever state it was built with (PENDING, SCHEDULED or ACCEPTED) and, when it is
     * ACCEPTED, publishes it. The post is durable before this returns, whatever happens to the queue.
     */
    public Outcome submit(Post post) {
        posts.create(post);
        return post.status() == PostStatus.ACCEPTED ? publish(post) : Outcome.NOT_DUE;
    }

    /** Publishes an ACCEPTED post: feed entries, fan-out message, then PUBLISHED. */
    public Outcome publish(Post post) {
        return publishAndReport(post).outcome();
    }

    /** What publishing did, and the post as it stands afterwards (PUBLISHED, or still ACCEPTED). */
    private record Published(Outcome outcome, Post post) {
    }

    private Published publishAndReport(Post post) {
        if (post.status() != PostStatus.ACCEPTED) {
            return new Published(Outcome.NOT_DUE, post);
        }
        feed.addEntries(post);
        try {
            fanout.send(post.postId());
        } catch (RuntimeException e) {
            LOG.error("fan-out send failed; the scheduler will re-drive the post", e, Map.of("postId", post.postId()));
            return new Published(Outcome.AWAITING_REDRIVE, post);
        }
        Instant now = clock.instant();
        Optional<Post> published = posts.transition(post, EnumSet.of(PostStatus.ACCEPTED),
                new StateChange(PostStatus.PUBLISHED, now, "system", null), PostStore.Transition.NONE);
        LOG.info("post published", Map.of("postId", post.postId()));
        return new Published(Outcome.PUBLISHED, published.orElse(post));
    }

    /**
     * Makes a post due now or at its publishAt: PENDING or SCHEDULED -> ACCEPTED (or -> SCHEDULED when
     * publishAt is still ahead), then publishes it. Used by approval and by the scheduler.
     *
     * @return the post after the change, empty when it was not in one of the given states
     */
    public Optional<Post> makeDue(String postId, EnumSet<PostStatus> from, String by) {
        return posts.find(postId).flatMap(post -> makeDue(post, from, by));
    }

    /** As {@link #makeDue(String, EnumSet, String)}, for a post just read (the scheduler's list); no second read. */
    public Optional<Post> makeDue(Post post, EnumSet<PostStatus> from, String by) {
        String postId = post.postId();
        if (!from.contains(post.status())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (post.publishAt() != null && post.publishAt().isAfter(now)) {
            if (post.status() == PostStatus.SCHEDULED) {
                return Optional.of(post);
            }
            return posts.transition(post, from, new StateChange(PostStatus.SCHEDULED, now, by, null),
                    new PostStore.Transition(null, null, post.publishAt()));
        }
        Instant publishedAt = post.publishAt() != null ? post.publishAt() : now;
        Optional<Post> accepted = posts.transition(post, from, new StateChange(PostStatus.ACCEPTED, now, by, null),
                new PostStore.Transition(publishedAt, null, null));
        return accepted.map(a -> publishAndReport(a).post());
    }

    /**
     * Scheduler: releases SCHEDULED posts whose publishAt has come, tenant by tenant (each tenant's list is its own
     * index key, so one tenant's backlog never hides another's due posts).
     */
    public int releaseDue(Collection<String> tenantIds) {
        return releaseDue(tenantIds, BATCH);
    }

    /** As {@link #releaseDue(Collection)}, taking at most perTenant posts of each tenant (oldest publishAt first). */
    public int releaseDue(Collection<String> tenantIds, int perTenant) {
        int released = 0;
        for (String tenantId : tenantIds) {
            List<Post> due = posts.listByStatus(tenantId, PostStatus.SCHEDULED, clock.instant(), perTenant);
            due.forEach(post -> makeDue(post, EnumSet.of(PostStatus.SCHEDULED), "scheduler"));
            released += due.size();
        }
        return released;
    }

    /** Scheduler: re-sends the fan-out message of posts stuck in ACCEPTED (a failed or lost send), tenant by tenant. */
    public int redriveStuck(Collection<String> tenantIds) {
        int published = 0;
        for (String tenantId : tenantIds) {
            for (Post post : posts.listByStatus(tenantId, PostStatus.ACCEPTED, clock.instant().minus(REDRIVE_AFTER),
                    BATCH)) {
                if (publish(post) == Outcome.PUBLISHED) {
                    published++;
                }
            }
        }
        return published;
    }

    /** Takes a post (as just read) out of every feed; delivery stops at its next page (it checks the status). */
    public Optional<Post> withdraw(Post post, String by) {
        Optional<Post> withdrawn = posts.transition(post,
                EnumSet.of(PostStatus.PENDING, PostStatus.SCHEDULED, PostStatus.ACCEPTED, PostStatus.PUBLISHED),
                new StateChange(PostStatus.WITHDRAWN, clock.instant(), by, null), PostStore.Transition.NONE);
        withdrawn.ifPresent(feed::removeEntries);
        return withdrawn;
    }

    /** Refuses a pending post (as just read), with the reason the publisher will see. */
    public Optional<Post> reject(Post post, String by, String reason) {
        return posts.transition(post, EnumSet.of(PostStatus.PENDING),
                new StateChange(PostStatus.REJECTED, clock.instant(), by, reason),
                new PostStore.Transition(null, reason, null));
    }
}
