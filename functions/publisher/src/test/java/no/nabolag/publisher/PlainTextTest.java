package no.nabolag.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {
    @Test
    void escapesMarkupAndKeepsLineBreaks() {
        assertThat(PlainText.toHtml("<script>alert(1)</script>\r\nLine \"two\" & 'three'\n"))
                .isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;<br>\nLine \"two\" &amp; 'three'<br>\n");
    }

    @Test
    void turnsHttpsUrlsIntoLinksWithoutTrailingPunctuation() {
        assertThat(PlainText.toHtml("See https://oslo.kommune.no/sagene?a=1&b=2. Thanks"))
                .isEqualTo("See <a href=\"https://oslo.kommune.no/sagene?a=1&amp;b=2\" rel=\"noopener noreferrer\">"
                        + "https://oslo.kommune.no/sagene?a=1&amp;b=2</a>. Thanks");
    }

    @Test
    void neverLinksOtherSchemesOrBreaksOutOfTheAttribute() {
        assertThat(PlainText.toHtml("javascript:alert(1) http://plain.example data:text/html,<b>x</b>"))
                .doesNotContain("<a ").contains("&lt;b&gt;");
        String html = PlainText.toHtml("https://x.example/\"onmouseover=alert(1)");
        // the quote ends the URL; what follows is escaped text outside the tag
        assertThat(html).isEqualTo("<a href=\"https://x.example/\" rel=\"noopener noreferrer\">https://x.example/</a>"
                + "\"onmouseover=alert(1)");
        assertThat(PlainText.toHtml("https://x.example/`x`{y}")).doesNotContain("`x`\"");
    }

    @Test
    void emptyTextIsEmpty() {
        assertThat(PlainText.toHtml(null)).isEmpty();
        assertThat(PlainText.toHtml("")).isEmpty();
    }
}
