package no.nabolag.core.post;

import java.time.Instant;

/** One entry of a post's state history: who moved it where, when, and why (a rejection's reason). */
public record StateChange(PostStatus status, Instant at, String by, String reason) {
}
