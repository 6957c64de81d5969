package no.nabolag.core.post;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import no.nabolag.core.json.Json;

/**
 * Idempotency of post forms (the publisher's signed-link form and the console's publish form). Each rendered form
 * carries a form id; the post it makes has an id derived from that form id and from who sends it, so a form can make
 * at most one post. The post item also keeps a fingerprint of the submitted fields (attribute {@code formFingerprint}),
 * which tells the two kinds of second sending apart:
 * <ul>
 *   <li>the same fields again (a double click, a reload of the POST): {@link Repeated}, show the first receipt and
 *       spend nothing (no rate-limit allowance, no second push);</li>
 *   <li>changed fields (Back, edit, send): {@link Changed}, refused; the first version was sent, and the caller offers
 *       a new form with the edited text kept.</li>
 * </ul>
 * Callers ask {@link #earlier} before spending anything, and {@link #create} settles a race between two sendings
 * that both found the form unused (the post is created with a conditional put; the loser reads the winner's post).
 */
public final class FormSubmissions {
    private final PostStore posts;

    public FormSubmissions(PostStore posts) {
        this.posts = posts;
    }

    /** What a sending of a form came to. */
    public sealed interface Outcome permits Created, Repeated, Changed {
        Post post();
    }

    /** The form was unused: this post was stored now. */
    public record Created(Post post) implements Outcome {
    }

    /** The same fields were sent before under this form: the post they made. */
    public record Repeated(Post post) implements Outcome {
    }

    /** Different fields under a used form: {@code post} is the first version, the one that was sent. */
    public record Changed(Post post) implements Outcome {
    }

    /**
     * The post id for a form: a hash of the sender's scope ({@code link:<linkId>}, {@code console:<subject>}) and the
     * form id, so nobody can make (or see) another sender's post by replaying its form id.
     */
    public static String postId(String scope, String formId) {
        return HexFormat.of().formatHex(sha256("form-post\n" + scope + "\n" + formId), 0, 16);
    }

    /**
     * A fingerprint of the submitted fields, name to value (a string, a boolean or a list; callers sort lists that are
     * sets). The form id, CSRF token and confirmation steps are not fields: leave them out.
     */
    public static String fingerprint(Map<String, ?> fields) {
        return HexFormat.of().formatHex(sha256(Json.write(new TreeMap<>(fields))));
    }

    /** How an earlier sending of this form compares with these fields; empty while the form is unused. */
    public Optional<Outcome> earlier(String postId, String fingerprint) {
        return posts.findSubmitted(postId).map(earlier -> judge(earlier, fingerprint));
    }

    /**
     * Stores the post made by a form with its fields' fingerprint. When another sending of the same form stored its
     * post in the meantime, that post is judged instead (nothing is stored). The caller publishes a created post.
     */
    public Outcome create(Post post, String fingerprint) {
        try {
            posts.create(post, fingerprint);
            return new Created(post);
        } catch (RuntimeException e) {
            // A failed conditional put (the id is taken) or a real failure: only a post that now exists tells them apart.
            Optional<Outcome> earlier;
            try {
                earlier = earlier(post.postId(), fingerprint);
            } catch (RuntimeException again) {
                e.addSuppressed(again);
                throw e;
            }
            return earlier.orElseThrow(() -> e);
        }
    }

    private static Outcome judge(PostStore.Submitted earlier, String fingerprint) {
        boolean same = earlier.formFingerprint() != null && MessageDigest.isEqual(
                earlier.formFingerprint().getBytes(StandardCharsets.UTF_8), fingerprint.getBytes(StandardCharsets.UTF_8));
        return same ? new Repeated(earlier.post()) : new Changed(earlier.post());
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
