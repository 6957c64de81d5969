package no.nabolag.resident;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An Atom 1.0 feed (RFC 4287) written with the JDK's XMLStreamWriter, which escapes all text and attribute values.
 * Every entry has id, title, updated, author, its language ({@code xml:lang}, as served: an untranslated post stays in
 * its own language in an English feed), a {@code related} link to the post's JSON, an {@code alternate} link only
 * when the post links to a web page, and its text as content.
 */
final class AtomFeedWriter {
    static final String CONTENT_TYPE = "application/atom+xml; charset=utf-8";
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private AtomFeedWriter() {
    }

    /**
     * @param feedId   the feed's permanent id (a URN, so it does not change with the host name)
     * @param feedUrl  the URL of this feed (rel=self)
     * @param postUrl  the URL prefix of a post, to which the post id is appended
     */
    static String write(String feedId, String feedUrl, String title, String language, List<Views.PostView> posts, String postUrl,
                        Instant now) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            xml.writeAttribute("xml:lang", language);
            element(xml, "id", feedId);
            element(xml, "title", title);
            element(xml, "updated", posts.isEmpty() ? now.toString() : posts.get(0).publishedAt());
            link(xml, "self", feedUrl, "application/atom+xml");
            element(xml, "generator", "Nabolag");
            for (Views.PostView post : posts) {
                String url = postUrl + post.postId();
                xml.writeStartElement("entry");
                // The language this entry is served in: English only where the post has an English version.
                xml.writeAttribute("xml:lang", post.language());
                element(xml, "id", "urn:nabolag:post:" + post.postId());
                element(xml, "title", post.title());
                element(xml, "updated", post.publishedAt());
                element(xml, "published", post.publishedAt());
                xml.writeStartElement("author");
                element(xml, "name", post.organizationName() == null ? "Nabolag" : post.organizationName());
                xml.writeEndElement();
                // rel=alternate is the post on the web; a post without a url has none (its JSON is not that).
                boolean web = post.url() != null && (post.url().startsWith("https://") || post.url().startsWith("http://"));
                if (web) {
                    link(xml, "alternate", post.url(), null);
                }
                link(xml, "related", url, "application/json");
                for (String category : post.categoryIds()) {
                    xml.writeEmptyElement("category");
                    xml.writeAttribute("term", category);
                }
                xml.writeStartElement("content");
                xml.writeAttribute("type", "text");
                xml.writeCharacters(xmlText(post.body()));
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write the Atom feed", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(xmlText(text));
        xml.writeEndElement();
    }

    /** XMLStreamWriter escapes markup but not characters XML 1.0 forbids (most C0 controls): drop those. */
    static String xmlText(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF)).forEach(clean::appendCodePoint);
        return clean.toString();
    }

    private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", xmlText(href));
        if (type != null) {
            xml.writeAttribute("type", type);
        }
    }
}
