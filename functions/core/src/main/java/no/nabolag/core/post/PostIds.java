package no.nabolag.core.post;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one rule for a new post's id: it is derived from the id of the form that wrote it, so the same form sent twice
 * (a double click, a reload of the POST) makes one post, not two; the second create finds the id taken. The id is
 * the first 128 bits of SHA-256 over "&lt;origin&gt;\n&lt;form id&gt;" in hex (32 characters); the origin keeps the
 * ids of the publisher form and of the console apart.
 */
public final class PostIds {
    /** Posts written through a publisher link's form (the form id is its signed form token). */
    public static final String PUBLISHER_FORM = "post";
    /** Posts written in the communication desk (the form id is the console form's random id). */
    public static final String CONSOLE = "console-post";

    private PostIds() {
    }

    public static String forForm(String origin, String formId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((origin + "\n" + formId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
