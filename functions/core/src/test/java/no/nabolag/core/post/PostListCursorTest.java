package no.nabolag.core.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import no.nabolag.core.error.InvalidInputException;
import no.nabolag.core.security.SigningKeys;
import org.junit.jupiter.api.Test;

/** Cursors of post lists: opaque, bound to one tenant's list of one state, and refused when touched. */
class PostListCursorTest {
    private static final SigningKeys KEYS = SigningKeys.parse("{\"currentKeyId\":\"k1\",\"k1\":\"secret-one\"}");
    private static final PostPosition POSITION = new PostPosition("2026-11-28T10:00:00.000Z", "0123456789abcdef0123456789abcdef");
    private final PostListCursor cursors = new PostListCursor(KEYS);
    private final String osloPending = PostListCursor.list("oslo", PostStatus.PENDING);

    @Test
    void aCursorRoundTripsInItsOwnListAndRevealsNothing() {
        String cursor = cursors.encode(osloPending, POSITION);

        assertThat(cursors.decode(osloPending, cursor)).isEqualTo(POSITION);
        assertThat(cursor).doesNotContain("oslo").doesNotContain(POSITION.postId()).matches("[A-Za-z0-9_\\-.]+");
    }

    @Test
    void aCursorOfAnotherTenantOrStateIsRefused() {
        String cursor = cursors.encode(osloPending, POSITION);

        for (String otherList : List.of(PostListCursor.list("baerum", PostStatus.PENDING),
                PostListCursor.list("oslo", PostStatus.PUBLISHED))) {
            assertThatThrownBy(() -> cursors.decode(otherList, cursor))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.errors()).extracting("field").containsExactly("cursor"));
        }
    }

    @Test
    void aForgedPayloadOrSignatureOrKeyIsRefused() {
        String cursor = cursors.encode(osloPending, POSITION);
        String[] parts = cursor.split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"s\":\"oslo#PENDING\",\"a\":\"2099-01-01T00:00:00.000Z\",\"p\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        String otherKeys = new PostListCursor(SigningKeys.parse("{\"currentKeyId\":\"k1\",\"k1\":\"another\"}"))
                .encode(osloPending, POSITION);

        for (String bad : List.of(forgedPayload + "." + parts[1] + "." + parts[2], parts[0] + ".k9." + parts[2],
                parts[0] + "." + parts[1] + "." + parts[2].substring(1), otherKeys, "", "a.b", "...", "not a cursor")) {
            assertThatThrownBy(() -> cursors.decode(osloPending, bad)).as(bad).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void onlyTheCanonicalSpellingOfTheSignatureIsAccepted() {
        String cursor = cursors.encode(osloPending, POSITION);
        String[] parts = cursor.split("\\.");
        // Base64 with padding, or the standard alphabet, decodes to the same bytes; neither is what we wrote.
        String padded = cursor + "=";
        String standard = parts[0] + "." + parts[1] + "." + parts[2].replace('-', '+').replace('_', '/');

        assertThatThrownBy(() -> cursors.decode(osloPending, padded)).isInstanceOf(InvalidInputException.class);
        if (!standard.equals(cursor)) {
            assertThatThrownBy(() -> cursors.decode(osloPending, standard)).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void cursorsOfARetiredKeyAreRefusedAndOfAKeptOneStillRead() {
        String cursor = cursors.encode(osloPending, POSITION);
        SigningKeys rotated = SigningKeys.parse("{\"currentKeyId\":\"k2\",\"k1\":\"secret-one\",\"k2\":\"secret-two\"}");
        SigningKeys retired = SigningKeys.parse("{\"currentKeyId\":\"k2\",\"k2\":\"secret-two\"}");

        assertThat(new PostListCursor(rotated).decode(osloPending, cursor)).isEqualTo(POSITION);
        assertThatThrownBy(() -> new PostListCursor(retired).decode(osloPending, cursor))
                .isInstanceOf(InvalidInputException.class);
    }
}
