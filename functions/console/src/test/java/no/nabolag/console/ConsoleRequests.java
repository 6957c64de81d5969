package no.nabolag.console;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nabolag.lambda.http.web.HttpRequest;

/** Builds console requests as API Gateway would hand them over (route key, path parameters, cookie header). */
public final class ConsoleRequests {
    private ConsoleRequests() {
    }

    public static HttpRequest get(String routeKeyPath, String path, String cookie) {
        return request("GET", routeKeyPath, path, cookie, "", Map.of());
    }

    public static HttpRequest post(String routeKeyPath, String path, String cookie, String body) {
        return request("POST", routeKeyPath, path, cookie, body, Map.of());
    }

    public static HttpRequest request(String method, String routeKeyPath, String pathAndQuery, String cookie, String body,
                                      Map<String, String> extraHeaders) {
        URI uri = URI.create(pathAndQuery);
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        List.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
            }
        }
        Map<String, String> headers = new HashMap<>(extraHeaders);
        if (cookie != null) {
            headers.put("cookie", cookie);
        }
        headers.put("content-type", "application/x-www-form-urlencoded");
        return new HttpRequest(method, uri.getRawPath(), method + " " + routeKeyPath,
                pathParameters(routeKeyPath, uri.getRawPath()), query, headers, body, "127.0.0.1");
    }

    /** Matches "/console/posts/{postId}" against "/console/posts/abc" for the path parameters. */
    static Map<String, String> pathParameters(String template, String path) {
        String[] t = template.split("/");
        String[] p = path.split("/");
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < Math.min(t.length, p.length); i++) {
            if (t[i].startsWith("{") && t[i].endsWith("}")) {
                params.put(t[i].substring(1, t[i].length() - 1), URLDecoder.decode(p[i], StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    /** The name=value part of a Set-Cookie header, ready for a Cookie header. */
    public static String cookieOf(String setCookie) {
        return setCookie.split(";", 2)[0];
    }

    public static Map<String, String> queryOf(String location) {
        Map<String, String> values = new HashMap<>();
        String raw = URI.create(location).getRawQuery();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
