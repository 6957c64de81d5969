package no.nabolag.publisher;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import no.nabolag.core.log.JsonLog;
import no.nabolag.core.organization.Organization;
import no.nabolag.core.organization.PublisherLink;
import no.nabolag.core.post.FormSubmissions;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostPublication;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.StateChange;

/**
 * Turns a valid form into a stored post: PENDING when an external, untrusted organisation wrote it; SCHEDULED when
 * its publishAt is ahead; otherwise ACCEPTED and published at once. The post is stored before the publisher hears
 * of success; a failure after that (feed write, fan-out send) leaves it ACCEPTED for the scheduler's re-drive.
 * A form makes at most one post ({@link FormSubmissions}).
 */
final class PostIntake {
    private static final JsonLog LOG = JsonLog.forClass(PostIntake.class);
    private final FormSubmissions submissions;
    private final PostPublication publication;
    private final Clock clock;

    PostIntake(FormSubmissions submissions, PostPublication publication, Clock clock) {
        this.submissions = submissions;
        this.publication = publication;
        this.clock = clock;
    }

    /** The post this form's draft makes now: its state follows from the organisation and the publishing time. */
    Post post(String postId, Organization org, PublisherLink link, PostDraft draft) {
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
        return new Post(postId, org.tenantId(), org.organizationId(), org.name(), draft.districtIds(),
                draft.categoryIds(), draft.title(), draft.body(), draft.titleEn(), draft.bodyEn(), draft.url(),
                draft.urgent(), draft.publishAt(), draft.expiresAt(), now, publishedAt, status, statusAt, null,
                List.of(new StateChange(status, now, "link:" + link.linkId(), null)), null);
    }

    /**
     * Stores (and if due, publishes) the post with its form's fingerprint. When another sending of the same form
     * got there first, nothing is stored and that sending's post is returned as Repeated or Changed.
     */
    FormSubmissions.Outcome submit(Post post, String fingerprint, String linkId) {
        FormSubmissions.Outcome outcome = submissions.create(post, fingerprint);
        if (!(outcome instanceof FormSubmissions.Created)) {
            LOG.info("form sent again; post exists", Map.of("postId", post.postId(), "linkId", linkId,
                    "outcome", outcome.getClass().getSimpleName()));
            return outcome;
        }
        LOG.info("post stored", Map.of("postId", post.postId(), "organizationId", post.organizationId(),
                "linkId", linkId, "status", post.status().name()));
        if (post.status() == PostStatus.ACCEPTED) {
            try {
                publication.publish(post);
            } catch (RuntimeException e) {
                // Stored and ACCEPTED: the scheduler re-drives it. The publisher still gets the receipt.
                LOG.error("publishing failed after store; left ACCEPTED for re-drive", e, Map.of("postId", post.postId()));
            }
        }
        return outcome;
    }
}
