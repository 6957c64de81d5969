package no.nabolag.console.auth;

import java.time.Instant;

/**
 * A sign-in in progress, between the redirect to the issuer and the callback: the state (binds the callback to
 * this browser), the nonce (binds the ID token to this attempt), the PKCE code verifier, and the console page to
 * return to (always a /console path).
 */
public record LoginAttempt(String state, String nonce, String codeVerifier, String returnTo, Instant expiresAt) {
}
