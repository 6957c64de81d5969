package no.nabolag.publisher;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.owasp.encoder.Encode;

/**
 * Renders a post's plain text as HTML that keeps its line breaks and links: every piece of text is HTML-escaped
 * (OWASP Encoder), line breaks become {@code <br>}, and https URLs become links whose href is attribute-escaped.
 * Only https is linked, so no {@code javascript:} or {@code data:} URL can become a link.
 */
final class PlainText {
    private static final Pattern URL = Pattern.compile("https://[^\\s<>\"']+", Pattern.CASE_INSENSITIVE);
    private static final String TRAILING = ".,;:!?)]}";

    private PlainText() {
    }

    static String toHtml(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        StringBuilder html = new StringBuilder(text.length() + 32);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                html.append("<br>\n");
            }
            line(lines[i], html);
        }
        return html.toString();
    }

    private static void line(String line, StringBuilder html) {
        Matcher m = URL.matcher(line);
        int at = 0;
        while (m.find()) {
            int end = m.end();
            while (end > m.start() + "https://".length() && TRAILING.indexOf(line.charAt(end - 1)) >= 0) {
                end--;
            }
            if (end <= m.start() + "https://".length()) {
                continue;
            }
            String url = line.substring(m.start(), end);
            html.append(Encode.forHtmlContent(line.substring(at, m.start())));
            html.append("<a href=\"").append(Encode.forHtmlAttribute(url)).append("\" rel=\"noopener noreferrer\">")
                    .append(Encode.forHtmlContent(url)).append("</a>");
            at = end;
        }
        html.append(Encode.forHtmlContent(line.substring(at)));
    }
}
