package no.nabolag.resident;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class AtomFeedWriterTest {
    @Test
    void writesWellFormedAtomWithEscapedUserText() throws Exception {
        // Arrange: text a publisher could type, including markup and a control character.
        var post = new Views.PostView("p1", "oslo", "Bydel <Frogner> & co", List.of("frogner"), List.of("youth"),
                "<script>alert(1)</script> & \"quotes\"", "Body\u0001 with ]]> and <b>tags</b>",
                "javascript:alert(1)", false, "2026-11-28T10:00:00Z", null, "nb");

        // Act
        String xml = AtomFeedWriter.write("urn:nabolag:district:frogner", "http://h/v1/districts/frogner/feed.atom",
                "Nabolag: Frogner", "nb", List.of(post), "http://h/v1/posts/", Instant.parse("2026-11-28T12:00:00Z"));

        // Assert
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element feed = doc.getDocumentElement();
        assertThat(feed.getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(feed.getLocalName()).isEqualTo("feed");
        assertThat(text(feed, "id")).isEqualTo("urn:nabolag:district:frogner");
        assertThat(text(feed, "updated")).isEqualTo("2026-11-28T10:00:00Z");
        Element entry = (Element) feed.getElementsByTagNameNS("*", "entry").item(0);
        assertThat(text(entry, "title")).isEqualTo("<script>alert(1)</script> & \"quotes\"");
        assertThat(text(entry, "id")).isEqualTo("urn:nabolag:post:p1");
        assertThat(text(entry, "content")).isEqualTo("Body with ]]> and <b>tags</b>");
        assertThat(xml).doesNotContain("<script>").doesNotContain("javascript:");
        Element link = (Element) entry.getElementsByTagNameNS("*", "link").item(0);
        assertThat(link.getAttribute("href")).isEqualTo("http://h/v1/posts/p1");
    }

    @Test
    void anEmptyFeedIsUpdatedNow() throws Exception {
        String xml = AtomFeedWriter.write("urn:x", "http://h/f", "T", "en", List.of(), "http://h/p/",
                Instant.parse("2026-11-28T12:00:00Z"));

        assertThat(xml).contains("<updated>2026-11-28T12:00:00Z</updated>").contains("xml:lang=\"en\"");
    }

    @Test
    void entriesSayWhichLanguageTheyAreInAndLinkToTheWebOnlyWhenThePostDoes() throws Exception {
        // Arrange: an English feed with a translated post that links to a page and an untranslated one that does not
        var translated = new Views.PostView("p1", "oslo", "Frogner bydel", List.of("frogner"), List.of("youth"),
                "Water shut-off", "Tuesday", "https://oslo.kommune.no/vann", false, "2026-11-28T10:00:00Z", null, "en");
        var untranslated = new Views.PostView("p2", "oslo", "Frogner bydel", List.of("frogner"), List.of("youth"),
                "Konsert", "I parken", null, false, "2026-11-28T09:00:00Z", null, "nb");

        // Act
        String xml = AtomFeedWriter.write("urn:nabolag:district:frogner",
                "http://h/v1/districts/frogner/feed.atom?lang=en", "Nabolag: Frogner", "en",
                List.of(translated, untranslated), "http://h/v1/posts/", Instant.parse("2026-11-28T12:00:00Z"));

        // Assert
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element feed = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
        assertThat(feed.getAttribute("xml:lang")).isEqualTo("en");
        Element self = (Element) feed.getElementsByTagNameNS("*", "link").item(0);
        assertThat(self.getAttribute("rel")).isEqualTo("self");
        assertThat(self.getAttribute("href")).isEqualTo("http://h/v1/districts/frogner/feed.atom?lang=en");
        Element first = (Element) feed.getElementsByTagNameNS("*", "entry").item(0);
        Element second = (Element) feed.getElementsByTagNameNS("*", "entry").item(1);
        assertThat(first.getAttribute("xml:lang")).isEqualTo("en");
        assertThat(second.getAttribute("xml:lang")).isEqualTo("nb");
        assertThat(links(first)).containsExactly("alternate https://oslo.kommune.no/vann",
                "related http://h/v1/posts/p1");
        assertThat(links(second)).containsExactly("related http://h/v1/posts/p2");
    }

    private static List<String> links(Element entry) {
        var nodes = entry.getElementsByTagNameNS("*", "link");
        List<String> links = new java.util.ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element link = (Element) nodes.item(i);
            links.add(link.getAttribute("rel") + " " + link.getAttribute("href"));
        }
        return links;
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagNameNS("*", name).item(0).getTextContent();
    }
}
