package no.nabolag.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

final class ConsoleAssertions {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private ConsoleAssertions() {
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("No CSRF token in the page");
        }
        return m.group(1);
    }
}
