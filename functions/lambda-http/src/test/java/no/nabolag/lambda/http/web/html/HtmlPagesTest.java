package no.nabolag.lambda.http.web.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import no.nabolag.lambda.http.web.HttpResponse;
import org.junit.jupiter.api.Test;

/** The shared page mechanism of the publisher and the console: headers, templates, texts. */
class HtmlPagesTest {
    private final HtmlPages pages = new HtmlPages("default-src 'none'");

    @Test
    void everyPageAndRedirectCarriesTheSecurityHeaders() {
        // Act
        HttpResponse page = pages.page(200, "<p>x</p>");
        HttpResponse redirect = pages.redirect("/p/abc/receipts/1");

        // Assert
        for (HttpResponse response : List.of(page, redirect)) {
            assertThat(response.headers()).containsEntry("content-security-policy", "default-src 'none'")
                    .containsEntry("referrer-policy", "no-referrer").containsEntry("x-content-type-options", "nosniff")
                    .containsEntry("x-frame-options", "DENY").containsEntry("cache-control", "no-store")
                    .containsEntry("content-type", "text/html; charset=utf-8");
        }
        assertThat(redirect.status()).isEqualTo(303);
        assertThat(redirect.headers()).containsEntry("location", "/p/abc/receipts/1");
    }

    @Test
    void templatesEscapeTextAndMessagesFillPlaceholders() {
        // Arrange
        HtmlTemplates templates = new HtmlTemplates("html-test");
        MessageBundle messages = MessageBundle.load("/html-test/messages", List.of("nb", "en"));

        // Act
        String html = templates.render("page", Map.of("t", messages.tree("en"),
                "name", "<script>alert(1)</script>", "greeting", messages.format("en", "greeting.hello", "Ola")));

        // Assert
        assertThat(html).contains("<h1>Title</h1>", "Hello, Ola!", "&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>");
    }

    @Test
    void aMissingTextFallsBackToTheDefaultLanguageAndAnUnknownLanguageGetsIt() {
        // Arrange
        MessageBundle messages = MessageBundle.load("/html-test/messages", List.of("nb", "en"));

        // Act + Assert
        assertThat(messages.format("en", "only.nb")).isEqualTo("Bare på bokmål");
        assertThat(messages.format("en", "no.such.key")).isEqualTo("no.such.key");
        assertThat(messages.texts("de")).isEqualTo(messages.texts("nb"));
        assertThat(messages.texts("en")).doesNotContainKey("only.nb");
    }
}
