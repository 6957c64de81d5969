package no.nabolag.core.post;

/** The life of a post; see docs/data-model.md for what each state means and what moves it on. */
public enum PostStatus {
    /** Waits for the communication team's approval (external organisations that are not trusted). */
    PENDING,
    /** Approved or trusted, and released by the scheduler at publishAt. */
    SCHEDULED,
    /** Stored and due; its fan-out message is not yet confirmed sent (the outbox the scheduler re-drives). */
    ACCEPTED,
    /** In the feeds, and its fan-out message was sent. */
    PUBLISHED,
    REJECTED,
    WITHDRAWN;

    public boolean isFinal() {
        return this == REJECTED || this == WITHDRAWN;
    }
}
