package no.nabolag.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import no.nabolag.lambda.http.web.HttpRequest;
import no.nabolag.lambda.http.web.HttpResponse;
import no.nabolag.lambda.http.web.Problem;

/** The stylesheet and the one small script (copy-to-clipboard), served from the jar; nothing else. */
final class StaticFiles {
    private static final Map<String, String> TYPES = Map.of(
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8");
    private final Map<String, String> files;

    StaticFiles() {
        files = Map.of("console.css", load("console.css"), "console.js", load("console.js"));
    }

    HttpResponse serve(HttpRequest request) {
        String file = request.pathParameter("file");
        if (file == null || !files.containsKey(file)) {
            throw Problem.notFound("No such file").exception();
        }
        return HttpResponse.of(200, TYPES.get(file), files.get(file))
                .withHeader("cache-control", "public, max-age=300")
                .withHeader("x-content-type-options", "nosniff");
    }

    private static String load(String name) {
        try (InputStream in = StaticFiles.class.getResourceAsStream("/no/nabolag/console/static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing static file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
