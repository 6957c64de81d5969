package no.nabolag.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NotificationTextTest {

    private static int bytes(NotificationText text) {
        return (text.title() + "|" + text.body()).getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void aTextThatFitsIsLeftWhole() {
        NotificationText text = NotificationText.fit("Vannet stenges", "I natt mellom 01 og 05.",
                NotificationTextTest::bytes, 100);

        assertThat(text).isEqualTo(NotificationText.whole("Vannet stenges", "I natt mellom 01 og 05."));
        assertThat(text.shortened()).isFalse();
    }

    @Test
    void aLongBodyIsCutAtAWordBoundaryWithAnEllipsisAndTheTitleStaysWhole() {
        String body = "Vannforsyningen i Frogner stenges i natt mellom klokka ett og fem på grunn av arbeid på "
                + "hovedledningen i Bygdøy allé.";

        NotificationText text = NotificationText.fit("Vannet stenges", body, NotificationTextTest::bytes, 60);

        assertThat(text.title()).isEqualTo("Vannet stenges");
        assertThat(text.body()).isEqualTo("Vannforsyningen i Frogner stenges i natt…");
        assertThat(bytes(text)).isLessThanOrEqualTo(60);
        assertThat(text.shortened()).isTrue();
    }

    @Test
    void textWithoutSpacesIsCutBetweenCharactersNeverInsideOne() {
        String body = "東京都の水道は今夜止まります🚰🚰🚰🚰🚰🚰";

        String cut = NotificationText.shorten(body, 15);

        assertThat(cut).isEqualTo("東京都の水道は今夜止まります🚰…");
        assertThat(NotificationText.shorten("e\u0301e\u0301e\u0301", 3)).as("an accent stays with its letter")
                .isEqualTo("e\u0301…");
    }

    @Test
    void aTitleTooLongForAnyBodyIsShortenedAndTheBodyLeftOut() {
        String title = "Stengt ".repeat(20);

        NotificationText text = NotificationText.fit(title, "Tekst", NotificationTextTest::bytes, 40);

        assertThat(text.body()).isEmpty();
        assertThat(text.title()).endsWith("Stengt…");
        assertThat(bytes(text)).isLessThanOrEqualTo(40);
    }

    @Test
    void aDanglingCommaIsDroppedBeforeTheEllipsis() {
        assertThat(NotificationText.shorten("Husk, alle sammen, å stenge", 6)).isEqualTo("Husk…");
    }
}
