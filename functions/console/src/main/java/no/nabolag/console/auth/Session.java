package no.nabolag.console.auth;

import java.time.Instant;

/**
 * A signed-in session: who, the CSRF token bound to it (a hidden field in every form), and when it ends.
 * It lives only in the signed session cookie (no server-side store); see {@link SessionCookie}.
 */
public record Session(Member member, String csrfToken, Instant issuedAt, Instant expiresAt) {
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
