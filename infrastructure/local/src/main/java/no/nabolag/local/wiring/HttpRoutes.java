package no.nabolag.local.wiring;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API's routes as API Gateway matches them: a route key is {@code METHOD /path} with {@code {param}}
 * segments, a greedy last {@code {proxy+}}, the method {@code ANY}, or {@code $default}. The most specific route wins:
 * literal segments over parameters over greedy, then a concrete method over ANY; {@code $default} comes last.
 */
public final class HttpRoutes {
    private final List<Route> routes = new ArrayList<>();
    private Route defaultRoute;

    public void add(String method, String path, LocalFunction function) {
        if ("$default".equals(path)) {
            defaultRoute = new Route("$default", "ANY", List.of(), function);
            return;
        }
        String m = method.toUpperCase(Locale.ROOT);
        List<String> segments = segments(path);
        routes.add(new Route(m + " " + path, m, segments, function));
    }

    public List<Route> all() {
        List<Route> all = new ArrayList<>(routes);
        if (defaultRoute != null) {
            all.add(defaultRoute);
        }
        return all;
    }

    public Optional<Match> match(String method, String rawPath) {
        List<String> actual = segments(rawPath);
        Match best = null;
        int[] bestScore = null;
        for (Route route : routes) {
            if (!route.method.equals("ANY") && !route.method.equals(method)) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            int[] score = score(route, actual, params);
            if (score == null) {
                continue;
            }
            if (bestScore == null || compare(score, bestScore) > 0) {
                best = new Match(route, params);
                bestScore = score;
            }
        }
        if (best == null && defaultRoute != null) {
            best = new Match(defaultRoute, Map.of());
        }
        return Optional.ofNullable(best);
    }

    /** Per segment 3 = literal, 2 = {param}, 1 = {greedy+}; last element: 1 for a concrete method, 0 for ANY. */
    private static int[] score(Route route, List<String> actual, Map<String, String> params) {
        List<String> pattern = route.segments;
        int[] score = new int[Math.max(pattern.size(), actual.size()) + 1];
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            boolean greedy = p.startsWith("{") && p.endsWith("+}");
            if (greedy) {
                if (i != pattern.size() - 1 || actual.size() <= i) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 2), decode(String.join("/", actual.subList(i, actual.size()))));
                score[i] = 1;
                score[score.length - 1] = route.method.equals("ANY") ? 0 : 1;
                return score;
            }
            if (i >= actual.size()) {
                return null;
            }
            String a = actual.get(i);
            if (p.startsWith("{") && p.endsWith("}")) {
                if (a.isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), decode(a));
                score[i] = 2;
            } else if (p.equals(a)) {
                score[i] = 3;
            } else {
                return null;
            }
        }
        if (pattern.size() != actual.size()) {
            return null;
        }
        score[score.length - 1] = route.method.equals("ANY") ? 0 : 1;
        return score;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.isEmpty()) {
            return List.of();
        }
        return List.of(trimmed.split("/", -1));
    }

    /** Percent-decoding of a path segment ('+' stays a plus, as in a path). */
    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return java.net.URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    public record Route(String routeKey, String method, List<String> segments, LocalFunction function) {
    }

    public record Match(Route route, Map<String, String> pathParameters) {
    }
}
