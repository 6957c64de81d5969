package no.nabolag.core.post;

/**
 * Where a page of a tenant's posts in one state ended: the last post's status time as stored (the list's sort key)
 * and its id (which breaks ties). A position says nothing a caller may rely on; it travels as a signed cursor
 * ({@link PostListCursor}).
 */
public record PostPosition(String statusAt, String postId) {
}
