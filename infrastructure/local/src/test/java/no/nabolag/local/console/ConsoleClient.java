package no.nabolag.local.console;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like HTTP client of the console for integration tests: it signs in through the local OIDC issuer
 * (authorisation code + PKCE, exactly as a browser follows the redirects), keeps the session cookie and reads the
 * CSRF token from the pages. Redirects are not followed automatically, so tests can assert them.
 */
final class ConsoleClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String cookie;
    private String csrf;

    ConsoleClient(URI base) {
        this.base = base;
    }

    /** Signs in as one of the issuer's demo users (oslo-admin, frogner-editor). */
    static ConsoleClient signIn(URI base, String username) {
        ConsoleClient client = new ConsoleClient(base);
        client.signInAs(username);
        return client;
    }

    void signInAs(String username) {
        HttpResponse<String> start = get("/console/sign-in?returnTo=/console");
        check(start, 303);
        String login = cookieOf(start);
        URI authorize = URI.create(start.headers().firstValue("location").orElseThrow());
        HttpResponse<String> page = send(HttpRequest.newBuilder(authorize).GET().build());
        check(page, 200);
        Map<String, String> form = new LinkedHashMap<>(query(authorize));
        form.put("username", username);
        HttpResponse<String> chosen = send(HttpRequest.newBuilder(authorize.resolve(authorize.getRawPath()))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build());
        check(chosen, 302);
        URI callback = URI.create(chosen.headers().firstValue("location").orElseThrow());
        HttpResponse<String> session = send(HttpRequest.newBuilder(callback).header("cookie", login).GET().build());
        check(session, 303);
        cookie = cookieOf(session);
        csrf = csrfOf(get("/console").body());
    }

    String cookie() {
        return cookie;
    }

    String csrf() {
        return csrf;
    }

    HttpResponse<String> get(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET();
        if (cookie != null) {
            builder.header("cookie", cookie);
        }
        return send(builder.build());
    }

    /** A form POST with this session's CSRF token added. */
    HttpResponse<String> post(String path, Map<String, List<String>> fields) {
        Map<String, List<String>> all = new LinkedHashMap<>(fields);
        if (csrf != null && !all.containsKey("csrf")) {
            all.put("csrf", List.of(csrf));
        }
        return postRaw(path, encodeMulti(all), Map.of());
    }

    HttpResponse<String> postRaw(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            builder.header("cookie", cookie);
        }
        headers.forEach(builder::header);
        return send(builder.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String csrfOf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("No CSRF token in the page");
        }
        return m.group(1);
    }

    private static String cookieOf(HttpResponse<String> response) {
        return response.headers().allValues("set-cookie").stream().map(v -> v.split(";", 2)[0])
                .filter(v -> v.startsWith("nabolag_console=")).findFirst()
                .orElseThrow(() -> new AssertionError("No console cookie in " + response.headers().map()));
    }

    private static void check(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("Expected " + status + " from " + response.uri() + " but got "
                    + response.statusCode() + ": " + response.body());
        }
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static String encodeMulti(Map<String, List<String>> form) {
        return form.entrySet().stream().flatMap(e -> e.getValue().stream().map(v ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
    }
}
