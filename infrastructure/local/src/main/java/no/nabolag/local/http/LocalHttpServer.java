package no.nabolag.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import no.nabolag.core.json.Json;
import no.nabolag.core.log.JsonLog;
import no.nabolag.lambda.http.web.Problem;
import no.nabolag.local.dynamodb.PartitionMonitor;
import no.nabolag.local.sns.SnsEmulator;
import no.nabolag.local.wiring.HttpRoutes;
import no.nabolag.local.wiring.LocalFunction;

/**
 * The local stack's one HTTP server on 127.0.0.1: every route of the template's HTTP API (as API Gateway v2 events to
 * the handler classes), the test and demo helpers under {@code /_local/}, and the static demo under {@code /demo/}.
 * The JDK's HttpServer with a thread pool is enough for a developer machine and starts in milliseconds.
 */
public final class LocalHttpServer implements AutoCloseable {
    static {
        // The JDK server writes headers and body separately; with Nagle on, the client's delayed ACK adds ~40 ms
        // to every keep-alive request. Read once, when the first HttpServer of the JVM is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final JsonLog LOG = JsonLog.forClass(LocalHttpServer.class);
    /** API Gateway's own limit; larger bodies are refused before the function, as API Gateway does. */
    private static final int API_GATEWAY_MAX_BODY = 10 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"),
            Map.entry("ico", "image/x-icon"), Map.entry("webp", "image/webp"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("webmanifest", "application/manifest+json"), Map.entry("woff2", "font/woff2"),
            Map.entry("map", "application/json"));

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpRoutes routes;
    private final SnsEmulator sns;
    private final AtomicInteger running = new AtomicInteger();
    private volatile java.util.function.Supplier<Map<String, String>> endpoints = Map::of;

    public LocalHttpServer(int port, HttpRoutes routes, SnsEmulator sns) {
        this.routes = routes;
        this.sns = sns;
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen on 127.0.0.1:" + port + " (is the port in use?)", e);
        }
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    /** What {@code GET /_local/endpoints} lists: the emulators' URLs by service. */
    public void endpoints(java.util.function.Supplier<Map<String, String>> source) {
        this.endpoints = source;
    }

    /** Serves another handler under a path prefix (e.g. the local OIDC issuer at /_local/oidc). */
    public void mount(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, exchange -> {
            noSniffing(exchange);
            handler.handle(exchange);
        });
    }

    /** Every answer of the stack's own (the emulators' pages, the demo app, 404s) is taken for what its type says. */
    private static void noSniffing(HttpExchange exchange) {
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests being answered now. */
    public int running() {
        return running.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        running.incrementAndGet();
        noSniffing(exchange);
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/_local/")) {
                local(exchange, path);
            } else if (path.equals("/demo")) {
                exchange.getResponseHeaders().set("Location", "/demo/");
                send(exchange, 308, null, new byte[0]);
            } else if (path.startsWith("/demo/")) {
                demo(exchange, path.substring("/demo/".length()));
            } else {
                api(exchange);
            }
        } catch (RuntimeException e) {
            LOG.error("Local HTTP server failed", e, Map.of("path", exchange.getRequestURI().getRawPath()));
            send(exchange, 500, "application/json", "{\"message\":\"Internal Server Error\"}");
        } finally {
            running.decrementAndGet();
            exchange.close();
        }
    }

    // ------------------------------------------------------------------ API Gateway emulation

    private void api(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        URI uri = exchange.getRequestURI();
        var match = routes.match(method, uri.getRawPath());
        if (match.isEmpty()) {
            send(exchange, 404, "application/json", "{\"message\":\"Not Found\"}");
            return;
        }
        byte[] body = readBody(exchange);
        if (body == null) {
            send(exchange, 413, "application/json", "{\"message\":\"Request Entity Too Large\"}");
            return;
        }
        LocalFunction function = match.get().route().function();
        if (!function.available()) {
            sendProblem(exchange, Problem.of(501, "not-implemented", "Not implemented",
                    "The handler of " + function.id() + " is not implemented yet"));
            return;
        }
        APIGatewayV2HTTPEvent event = event(exchange, method, uri, body, match.get());
        APIGatewayV2HTTPResponse response;
        long start = System.nanoTime();
        try {
            response = function.invoke(event, APIGatewayV2HTTPResponse.class);
        } catch (RuntimeException | Error e) {
            LOG.error("Function failed", e, Map.of("function", function.id(), "routeKey", event.getRouteKey()));
            send(exchange, 500, "application/json", "{\"message\":\"Internal Server Error\"}");
            return;
        }
        if (response == null) {
            send(exchange, 500, "application/json", "{\"message\":\"Internal Server Error\"}");
            return;
        }
        Headers headers = exchange.getResponseHeaders();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(headers::set);
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(cookie -> headers.add("Set-Cookie", cookie));
        }
        String responseBody = response.getBody() == null ? "" : response.getBody();
        byte[] bytes = response.getIsBase64Encoded() ? Base64.getDecoder().decode(responseBody)
                : responseBody.getBytes(StandardCharsets.UTF_8);
        int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
        LOG.info("HTTP request", Map.of("function", function.id(), "routeKey", event.getRouteKey(), "status", status,
                "durationMs", (System.nanoTime() - start) / 1_000_000));
        send(exchange, status, null, bytes);
    }

    /** The API Gateway HTTP API payload format 2.0 event for a request. */
    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, String method, URI uri, byte[] body,
                                               HttpRoutes.Match match) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(v -> {
                    for (String c : v.split(";")) {
                        if (!c.isBlank()) {
                            cookies.add(c.trim());
                        }
                    }
                });
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        Map<String, String> query = new LinkedHashMap<>();
        if (!rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.merge(name, value, (a, b) -> a + "," + b);
            }
        }
        String contentType = headers.getOrDefault("content-type", "");
        boolean text = body.length == 0 || isText(contentType);
        Instant now = Instant.now();
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(uri.getRawPath())
                .withProtocol(exchange.getProtocol()).withSourceIp(sourceIp)
                .withUserAgent(headers.getOrDefault("user-agent", "")).build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder().withAccountId("000000000000").withApiId("local")
                .withDomainName(headers.getOrDefault("host", "127.0.0.1")).withDomainPrefix("local")
                .withRequestId(UUID.randomUUID().toString()).withRouteKey(match.route().routeKey())
                .withStage("$default").withTime(REQUEST_TIME.format(now)).withTimeEpoch(now.toEpochMilli())
                .withHttp(http).build();
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(match.route().routeKey())
                .withRawPath(uri.getRawPath()).withRawQueryString(rawQuery)
                .withCookies(cookies.isEmpty() ? null : cookies).withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters())
                .withBody(body.length == 0 ? null : text ? new String(body, StandardCharsets.UTF_8)
                        : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(!text).withRequestContext(context).build();
    }

    private static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("x-www-form-urlencoded") || type.contains("javascript") || type.contains("yaml");
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    // ------------------------------------------------------------------ /_local/

    private void local(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        switch (method + " " + path) {
            case "GET /_local/pushes" -> send(exchange, 200, "application/json", Json.write(sns.pushes()));
            case "DELETE /_local/pushes" -> {
                sns.clearPushes();
                send(exchange, 204, null, new byte[0]);
            }
            case "POST /_local/sns/rejected-tokens" -> {
                JsonNode body = jsonBody(exchange);
                String token = body == null ? "" : body.path("token").asText("");
                if (token.isEmpty()) {
                    sendProblem(exchange, Problem.badRequest("Expected {\"token\": \"...\"}"));
                } else {
                    sns.rejectToken(token);
                    send(exchange, 204, null, new byte[0]);
                }
            }
            case "POST /_local/sns/throttle" -> {
                JsonNode body = jsonBody(exchange);
                if (body == null || !body.path("publishes").canConvertToInt() || body.path("publishes").asInt() < 0) {
                    sendProblem(exchange, Problem.badRequest("Expected {\"publishes\": n}"));
                } else {
                    sns.throttleNextPublishes(body.path("publishes").asInt());
                    send(exchange, 204, null, new byte[0]);
                }
            }
            case "GET /_local/sns/limits" -> send(exchange, 200, "application/json", Json.write(Map.of(
                    "createPlatformEndpointPerSecond", sns.createEndpointsPerSecond())));
            case "POST /_local/sns/limits" -> {
                JsonNode body = jsonBody(exchange);
                JsonNode rate = body == null ? null : body.get("createPlatformEndpointPerSecond");
                if (rate == null || !rate.canConvertToInt() || rate.asInt() < 1) {
                    sendProblem(exchange, Problem.badRequest("Expected {\"createPlatformEndpointPerSecond\": n}, n >= 1"));
                } else {
                    sns.createEndpointsPerSecond(rate.asInt());
                    send(exchange, 204, null, new byte[0]);
                }
            }
            case "GET /_local/endpoints" -> send(exchange, 200, "application/json", Json.write(endpoints.get()));
            case "GET /_local/hot-partitions" -> {
                int limit = 20;
                String query = exchange.getRequestURI().getRawQuery();
                if (query != null && query.matches("limit=[0-9]{1,4}")) {
                    limit = Integer.parseInt(query.substring("limit=".length()));
                }
                send(exchange, 200, "application/json", Json.write(PartitionMonitor.shared().hottest(limit).stream()
                        .map(PartitionMonitor.Peak::toJson).toList()));
            }
            case "DELETE /_local/hot-partitions" -> {
                PartitionMonitor.shared().reset();
                send(exchange, 204, null, new byte[0]);
            }
            case "GET /_local/health" -> send(exchange, 200, "application/json", "{\"status\":\"ready\"}");
            default -> sendProblem(exchange, Problem.notFound("No local helper at " + method + " " + path));
        }
    }

    private static JsonNode jsonBody(HttpExchange exchange) throws IOException {
        byte[] body = readBody(exchange);
        try {
            JsonNode node = body == null ? null : Json.readTree(new String(body, StandardCharsets.UTF_8));
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ /demo/

    private void demo(HttpExchange exchange, String rawRelative) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, "text/plain; charset=utf-8", "Method not allowed");
            return;
        }
        String relative = decode(rawRelative);
        if (relative.isEmpty() || relative.endsWith("/")) {
            relative = relative + "index.html";
        }
        if (relative.contains("..") || relative.contains("\\") || relative.startsWith("/") || relative.indexOf('\0') >= 0) {
            send(exchange, 404, "text/plain; charset=utf-8", "Not found");
            return;
        }
        byte[] bytes;
        try (InputStream in = LocalHttpServer.class.getClassLoader().getResourceAsStream("demo/" + relative)) {
            if (in == null) {
                send(exchange, 404, "text/plain; charset=utf-8", "Not found");
                return;
            }
            bytes = in.readAllBytes();
        }
        String extension = relative.substring(relative.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
                + "form-action 'self'; frame-ancestors 'none'");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Cache-Control", "no-cache");
        String type = CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
        if (method.equals("HEAD")) {
            headers.set("Content-Type", type);
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        send(exchange, 200, type, bytes);
    }

    // ------------------------------------------------------------------ plumbing

    /** The request body, or null when it is larger than API Gateway accepts. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(API_GATEWAY_MAX_BODY + 1);
            return bytes.length > API_GATEWAY_MAX_BODY ? null : bytes;
        }
    }

    private static void sendProblem(HttpExchange exchange, Problem problem) throws IOException {
        send(exchange, problem.status(), "application/problem+json", Json.write(problem));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean empty = status == 204 || status == 304 || body.length == 0;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
