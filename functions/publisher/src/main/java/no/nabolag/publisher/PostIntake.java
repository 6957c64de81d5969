package no.nabolag.publisher;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import no.nabolag.core.log.JsonLog;
import no.nabolag.core.organization.Organization;
import no.nabolag.core.organization.PublisherLink;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostPublication;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.PostStore;
import no.nabolag.core.post.StateChange;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Turns a valid form into a stored post: PENDING when an external, untrusted organisation wrote it; SCHEDULED when
 * its publishAt is ahead; otherwise ACCEPTED and published at once. The post is stored before the publisher hears
 * of success; a failure after that (feed write, fan-out send) leaves it ACCEPTED for the scheduler's re-drive.
 */
final class PostIntake {
    private static final JsonLog LOG = JsonLog.forClass(PostIntake.class);
    private final PostStore posts;
    private final PostPublication publication;
    private final Clock clock;

    PostIntake(PostStore posts, PostPublication publication, Clock clock) {
        this.posts = posts;
        this.publication = publication;
        this.clock = clock;
    }

    /** Stores (and if due, publishes) the post; returns its id. Idempotent per form token. */
    String submit(String postId, Organization org, PublisherLink link, PostDraft draft) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        PostStatus status;
        Instant statusAt;
        Instant publishedAt = null;
        if (org.needsApproval()) {
            status = PostStatus.PENDING;
            statusAt = now;
        } else if (draft.publishAt() != null && draft.publishAt().isAfter(now)) {
            status = PostStatus.SCHEDULED;
            statusAt = draft.publishAt();
        } else {
            status = PostStatus.ACCEPTED;
            statusAt = now;
            publishedAt = now;
        }
        Post post = new Post(postId, org.tenantId(), org.organizationId(), org.name(), draft.districtIds(),
                draft.categoryIds(), draft.title(), draft.body(), draft.titleEn(), draft.bodyEn(), draft.url(),
                draft.urgent(), draft.publishAt(), draft.expiresAt(), now, publishedAt, status, statusAt, null,
                List.of(new StateChange(status, now, "link:" + link.linkId(), null)), null);
        try {
            posts.create(post);
        } catch (ConditionalCheckFailedException e) {
            LOG.info("form sent again; post exists", Map.of("postId", postId, "linkId", link.linkId()));
            return postId;
        }
        LOG.info("post stored", Map.of("postId", postId, "organizationId", org.organizationId(),
                "linkId", link.linkId(), "status", status.name()));
        if (status == PostStatus.ACCEPTED) {
            try {
                publication.publish(post);
            } catch (RuntimeException e) {
                // Stored and ACCEPTED: the scheduler re-drives it. The publisher still gets the receipt.
                LOG.error("publishing failed after store; left ACCEPTED for re-drive", e, Map.of("postId", postId));
            }
        }
        return postId;
    }
}
