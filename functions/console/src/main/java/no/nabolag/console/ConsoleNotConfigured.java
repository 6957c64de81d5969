package no.nabolag.console;

import java.util.List;
import no.nabolag.console.web.Html;
import no.nabolag.core.config.Settings;
import no.nabolag.lambda.http.web.HttpResponse;

/**
 * What the console answers before it can sign anyone in: on a first deploy PublicBaseUrl is still empty (its value is
 * the ApiUrl output of that very deploy), so the callback URL cannot be built. Init must not fail then (with SnapStart
 * a failing init fails the version and rolls the stack back); every console route answers 503 with a page that says
 * what to set and where.
 */
public final class ConsoleNotConfigured {
    private final List<String> missing;

    private ConsoleNotConfigured(List<String> missing) {
        this.missing = missing;
    }

    /** The missing settings' page, or null when the console has everything it needs. */
    public static ConsoleNotConfigured check(Settings settings) {
        // Each name spelled out: the template test reads the settings a function uses from its bytecode.
        List<String> missing = new java.util.ArrayList<>();
        addIfMissing(missing, "PUBLIC_BASE_URL", settings.find("PUBLIC_BASE_URL"));
        addIfMissing(missing, "CONSOLE_ISSUER", settings.find("CONSOLE_ISSUER"));
        addIfMissing(missing, "CONSOLE_CLIENT_ID", settings.find("CONSOLE_CLIENT_ID"));
        addIfMissing(missing, "CONSOLE_AUTHORIZE_URL", settings.find("CONSOLE_AUTHORIZE_URL"));
        addIfMissing(missing, "CONSOLE_TOKEN_URL", settings.find("CONSOLE_TOKEN_URL"));
        addIfMissing(missing, "CONSOLE_JWKS_URL", settings.find("CONSOLE_JWKS_URL"));
        return missing.isEmpty() ? null : new ConsoleNotConfigured(missing);
    }

    private static void addIfMissing(List<String> missing, String name, java.util.Optional<String> value) {
        if (value.isEmpty()) {
            missing.add(name);
        }
    }

    public List<String> missing() {
        return missing;
    }

    /** 503: the console exists but is not ready; nothing the visitor did is wrong. Setting names only, no values. */
    public HttpResponse page() {
        StringBuilder html = new StringBuilder(2048).append("""
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Console not configured yet – Nabolag</title></head>
                <body>
                <main>
                <h1>The console is not configured yet</h1>
                """);
        if (missing.contains("PUBLIC_BASE_URL")) {
            html.append("""
                    <p>The template parameter <code>PublicBaseUrl</code> is empty. The console builds its sign-in
                    callback URL and its secure cookies from it, so it cannot sign anyone in yet.</p>
                    <p>Set <code>PublicBaseUrl</code> to the public https base URL of this API, without a trailing
                    slash: your custom domain, or the <code>ApiUrl</code> output of the first deploy. Put it in
                    <code>samconfig.toml</code> (<code>parameter_overrides = "PublicBaseUrl=https://..."</code>), so a
                    later <code>sam deploy</code> cannot empty it again, or pass
                    <code>sam deploy --parameter-overrides PublicBaseUrl=https://...</code>, then deploy again.</p>
                    <p>Locally: <code>infrastructure/local/local-parameters.yaml</code>, or
                    <code>infrastructure/local/run --parameter-overrides PublicBaseUrl=...</code>.</p>
                    """);
        }
        List<String> others = missing.stream().filter(n -> !n.equals("PUBLIC_BASE_URL")).toList();
        if (!others.isEmpty()) {
            html.append("<p>Also missing from the console function's environment: <code>")
                    .append(String.join("</code>, <code>", others))
                    .append("</code>. template.yaml sets them from the console's Cognito user pool; see "
                            + "docs/console.md.</p>\n");
        }
        html.append("""
                <p>See docs/operator-guide.md. The resident API and the publisher links work without the console.</p>
                </main>
                </body>
                </html>
                """);
        return Html.page(503, html.toString()).withHeader("retry-after", "3600");
    }
}
