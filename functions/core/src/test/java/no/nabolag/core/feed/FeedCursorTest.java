package no.nabolag.core.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import no.nabolag.core.error.InvalidInputException;
import no.nabolag.core.security.SigningKeys;
import no.nabolag.core.security.Spellings;
import org.junit.jupiter.api.Test;

class FeedCursorTest {
    private final FeedCursor cursors = new FeedCursor(SigningKeys.parse("{\"currentKeyId\":\"k1\",\"k1\":\"secret-one\"}"));

    @Test
    void aCursorRoundTripsInItsOwnFeed() {
        String cursor = cursors.encode("district:frogner", "2026-11-28T10:00:00Z#p1");

        assertThat(cursors.decode("district:frogner", cursor)).isEqualTo("2026-11-28T10:00:00Z#p1");
        assertThat(cursor).doesNotContain("p1").matches("[A-Za-z0-9_\\-.]+");
    }

    @Test
    void aCursorFromAnotherFeedIsRefused() {
        String cursor = cursors.encode("device:abc", "2026-11-28T10:00:00Z#p1");

        assertThatThrownBy(() -> cursors.decode("device:other", cursor))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).extracting("field").containsExactly("cursor"));
    }

    @Test
    void anAlteredPayloadIsRefused() {
        String cursor = cursors.encode("district:frogner", "2026-11-28T10:00:00Z#p1");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"s\":\"district:frogner\",\"k\":\"2099-01-01T00:00:00Z#zz\"}".getBytes(StandardCharsets.UTF_8));
        String forged = forgedPayload + cursor.substring(cursor.indexOf('.'));

        assertThatThrownBy(() -> cursors.decode("district:frogner", forged)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void garbageAndUnknownKeysAreRefused() {
        String cursor = cursors.encode("district:frogner", "k");
        String otherKey = cursor.replace(".k1.", ".k9.");

        for (String bad : new String[] {"", "abc", "a.b.c", "!!!.k1.###", otherKey, cursor + "x"}) {
            assertThatThrownBy(() -> cursors.decode("district:frogner", bad)).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void cursorsSignedWithAnOlderKeyStayValidAfterRotation() {
        String old = cursors.encode("district:frogner", "key");
        FeedCursor rotated = new FeedCursor(SigningKeys.parse(
                "{\"currentKeyId\":\"k2\",\"k1\":\"secret-one\",\"k2\":\"secret-two\"}"));

        assertThat(rotated.decode("district:frogner", old)).isEqualTo("key");
    }

    @Test
    void onlyTheCanonicalSpellingOfTheSignatureIsACursor() {
        String cursor = cursors.encode("district:frogner", "2026-11-28T10:00:00Z#p1");
        String signed = cursor.substring(0, cursor.lastIndexOf('.') + 1);
        String signature = cursor.substring(cursor.lastIndexOf('.') + 1);

        assertThat(Spellings.of(signature)).isNotEmpty().allSatisfy(variant ->
                assertThatThrownBy(() -> cursors.decode("district:frogner", signed + variant)).as(variant)
                        .isInstanceOf(InvalidInputException.class));
    }
}
