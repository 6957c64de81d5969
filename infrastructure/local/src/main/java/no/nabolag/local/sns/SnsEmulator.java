package no.nabolag.local.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import no.nabolag.core.json.Json;
import no.nabolag.core.log.JsonLog;

/**
 * An emulator of SNS mobile push that speaks the SNS Query protocol (form-encoded POST, XML replies), so the real
 * {@code SnsClient} is what code and tests use. Nothing off the shelf implements platform applications and endpoints
 * (see /work/shared/design/EMULATORS.md), hence this hand-rolled one: small, in memory, and fast enough for the
 * delivery benchmark (it parses forms and writes XML by hand instead of with a DOM).
 *
 * <p>Actions: CreatePlatformApplication, CreatePlatformEndpoint, GetEndpointAttributes, SetEndpointAttributes,
 * DeleteEndpoint, Publish (TargetArn, MessageStructure=json). Errors as SNS returns them: EndpointDisabled,
 * NotFound, InvalidParameter and Throttling (HTTP 400; the SDK classifies the code {@code Throttling} as throttling and
 * retries it by itself, so {@link #throttleNextPublishes(int)} counts every attempt, retries included).
 *
 * <p>Deliberate simplification: a token marked with {@link #rejectToken(String)} makes the <em>next</em> Publish to an
 * endpoint with that token fail with EndpointDisabled and disables the endpoint. Real SNS accepts that publish and
 * disables the endpoint a moment later, from APNs/FCM feedback; the following publish then fails the same way.
 */
public final class SnsEmulator implements AutoCloseable {
    static {
        // The JDK server writes headers and body separately; with Nagle on, the client's delayed ACK adds ~40 ms
        // to every keep-alive request. Read once, when the first HttpServer of the JVM is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final JsonLog LOG = JsonLog.forClass(SnsEmulator.class);
    private static final String NS = "http://sns.amazonaws.com/doc/2010-03-31/";
    private static final int MAX_MESSAGE_BYTES = 256 * 1024;

    private final String region;
    private final String accountId;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, PlatformApplication> applications = new ConcurrentHashMap<>();
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    /** (application ARN + '\n' + token) to endpoint ARN: CreatePlatformEndpoint is idempotent per token. */
    private final Map<String, String> endpointsByToken = new ConcurrentHashMap<>();
    private final Set<String> rejectedTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger throttledPublishes = new AtomicInteger();
    private final ConcurrentLinkedQueue<Push> pushes = new ConcurrentLinkedQueue<>();
    private final AtomicLong publishCount = new AtomicLong();
    private volatile int createEndpointsPerSecond = 30;

    private SnsEmulator(String region, String accountId, int port) throws IOException {
        this.region = region;
        this.accountId = accountId;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        this.executor = Executors.newFixedThreadPool(16, daemonThreads("sns-emulator"));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts on 127.0.0.1 and a free port. */
    public static SnsEmulator start(String region, String accountId) {
        try {
            return new SnsEmulator(region, accountId, 0);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the SNS emulator", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every push accepted so far, oldest first. */
    public List<Push> pushes() {
        return new ArrayList<>(pushes);
    }

    public void clearPushes() {
        pushes.clear();
    }

    /** Total Publish calls that delivered a push since start (not reset by {@link #clearPushes()}). */
    public long publishCount() {
        return publishCount.get();
    }

    /** Marks a device token as rejected by APNs/FCM: the next Publish to it disables its endpoint. */
    public void rejectToken(String token) {
        rejectedTokens.add(token);
    }

    /** The next {@code n} Publish requests fail with Throttling (each SDK retry attempt counts as one). */
    public void throttleNextPublishes(int n) {
        throttledPublishes.set(Math.max(0, n));
    }

    /** At most this many CreatePlatformEndpoint calls per second; beyond, Throttling (AWS: 30/s in most regions). */
    public void createEndpointsPerSecond(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("CreatePlatformEndpoint limit must be at least 1 per second");
        }
        this.createEndpointsPerSecond = limit;
    }

    /** Creates (or returns) a platform application directly, as the stack does at start. */
    public String createPlatformApplication(String name, String platform) {
        String arn = "arn:aws:sns:" + region + ":" + accountId + ":app/" + platform + "/" + name;
        applications.computeIfAbsent(arn, a -> new PlatformApplication(a, platform));
        return arn;
    }

    /** Endpoint attributes (Token, Enabled, CustomUserData), or an empty map for an unknown endpoint. */
    public Map<String, String> endpointAttributes(String endpointArn) {
        Endpoint endpoint = endpoints.get(endpointArn);
        if (endpoint == null) {
            return Map.of();
        }
        synchronized (endpoint) {
            return endpoint.attributes();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------ protocol

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        Reply reply;
        try {
            Map<String, String> form = parseForm(readBody(exchange));
            reply = dispatch(form, requestId);
        } catch (SnsError e) {
            reply = new Reply(e.status, error(e, requestId));
        } catch (RuntimeException e) {
            LOG.error("SNS emulator failed", e, Map.of());
            reply = new Reply(500, error(new SnsError(500, "Receiver", "InternalFailure", "Internal failure"), requestId));
        }
        byte[] bytes = reply.body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.sendResponseHeaders(reply.status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Reply dispatch(Map<String, String> form, String requestId) {
        String action = form.getOrDefault("Action", "");
        switch (action) {
            case "Publish":
                return ok(action, "<MessageId>" + publish(form) + "</MessageId>", requestId);
            case "CreatePlatformEndpoint":
                return ok(action, "<EndpointArn>" + xml(createEndpoint(form)) + "</EndpointArn>", requestId);
            case "GetEndpointAttributes":
                return ok(action, "<Attributes>" + entries(existing(form.get("EndpointArn")).attributesLocked())
                        + "</Attributes>", requestId);
            case "SetEndpointAttributes":
                setEndpointAttributes(form);
                return ok(action, null, requestId);
            case "DeleteEndpoint":
                deleteEndpoint(form.get("EndpointArn"));
                return ok(action, null, requestId);
            case "CreatePlatformApplication":
                String name = require(form, "Name");
                String platform = require(form, "Platform");
                return ok(action, "<PlatformApplicationArn>" + xml(createPlatformApplication(name, platform))
                        + "</PlatformApplicationArn>", requestId);
            default:
                throw new SnsError(400, "Sender", "InvalidAction",
                        "The action " + action + " is not valid for this web service.");
        }
    }

    private String createEndpoint(Map<String, String> form) {
        String appArn = require(form, "PlatformApplicationArn");
        String token = require(form, "Token");
        PlatformApplication app = applications.get(appArn);
        if (app == null) {
            throw new SnsError(404, "Sender", "NotFound", "PlatformApplication does not exist");
        }
        Map<String, String> requested = attributes(form, "Attributes");
        if (form.containsKey("CustomUserData")) {
            requested.put("CustomUserData", form.get("CustomUserData"));
        }
        String key = appArn + "\n" + token;
        synchronized (endpointsByToken) {
            String existingArn = endpointsByToken.get(key);
            if (existingArn != null) {
                Endpoint endpoint = endpoints.get(existingArn);
                synchronized (endpoint) {
                    Map<String, String> current = endpoint.attributes();
                    // AWS compares the attributes given with the existing endpoint's; a missing CustomUserData is "".
                    String wantedData = requested.getOrDefault("CustomUserData", "");
                    boolean same = wantedData.equals(current.getOrDefault("CustomUserData", ""));
                    for (var e : requested.entrySet()) {
                        if (!e.getKey().equals("CustomUserData") && !e.getValue().equals(current.get(e.getKey()))) {
                            same = false;
                        }
                    }
                    if (!same) {
                        throw new SnsError(400, "Sender", "InvalidParameter", "Invalid parameter: Token Reason: Endpoint "
                                + existingArn + " already exists with the same Token, but different attributes.");
                    }
                    return existingArn;
                }
            }
            String arn = "arn:aws:sns:" + region + ":" + accountId + ":endpoint/" + app.platform + "/"
                    + appArn.substring(appArn.lastIndexOf('/') + 1) + "/" + UUID.randomUUID();
            Endpoint endpoint = new Endpoint(arn, app, token);
            endpoint.customUserData = requested.getOrDefault("CustomUserData", "");
            endpoint.enabled = !"false".equalsIgnoreCase(requested.getOrDefault("Enabled", "true"));
            endpoints.put(arn, endpoint);
            endpointsByToken.put(key, arn);
            return arn;
        }
    }

    private void setEndpointAttributes(Map<String, String> form) {
        Endpoint endpoint = existing(form.get("EndpointArn"));
        Map<String, String> changes = attributes(form, "Attributes");
        synchronized (endpointsByToken) {
            synchronized (endpoint) {
                for (var e : changes.entrySet()) {
                    switch (e.getKey()) {
                        case "Token" -> {
                            if (e.getValue().isEmpty()) {
                                throw invalid("Attributes Reason: Token must not be empty");
                            }
                            endpointsByToken.remove(endpoint.app.arn + "\n" + endpoint.token, endpoint.arn);
                            endpoint.token = e.getValue();
                            endpointsByToken.put(endpoint.app.arn + "\n" + endpoint.token, endpoint.arn);
                        }
                        case "Enabled" -> endpoint.enabled = Boolean.parseBoolean(e.getValue());
                        case "CustomUserData" -> endpoint.customUserData = e.getValue();
                        default -> throw invalid("Attributes Reason: Invalid attribute name: " + e.getKey());
                    }
                }
            }
        }
    }

    private void deleteEndpoint(String arn) {
        if (arn == null || arn.isEmpty()) {
            throw invalid("EndpointArn Reason: must not be empty");
        }
        synchronized (endpointsByToken) {
            Endpoint endpoint = endpoints.remove(arn);
            if (endpoint != null) {
                endpointsByToken.remove(endpoint.app.arn + "\n" + endpoint.token, arn);
            }
        }
    }

    private String publish(Map<String, String> form) {
        if (throttledPublishes.get() > 0 && throttledPublishes.getAndDecrement() > 0) {
            throw new SnsError(400, "Sender", "Throttling", "Rate exceeded");
        }
        String targetArn = form.get("TargetArn");
        if (targetArn == null || targetArn.isEmpty()) {
            throw invalid("TargetArn Reason: this emulator supports only Publish to a platform endpoint (TargetArn)");
        }
        String message = require(form, "Message");
        if (message.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            throw invalid("Message Reason: Message too long");
        }
        Endpoint endpoint = endpoints.get(targetArn);
        if (endpoint == null) {
            // What SNS answers for a Publish to a deleted or unknown endpoint.
            throw invalid("TargetArn Reason: No endpoint found for the target arn specified");
        }
        String payload = "json".equals(form.get("MessageStructure"))
                ? platformPayload(message, endpoint.app.platform) : message;
        String token;
        synchronized (endpoint) {
            if (endpoint.enabled && rejectedTokens.contains(endpoint.token)) {
                endpoint.enabled = false;
                LOG.info("SNS emulator disabled an endpoint with a rejected token", Map.of("endpointArn", endpoint.arn));
            }
            if (!endpoint.enabled) {
                throw new SnsError(400, "Sender", "EndpointDisabled", "Endpoint is disabled");
            }
            token = endpoint.token;
        }
        String messageId = UUID.randomUUID().toString();
        pushes.add(new Push(endpoint.arn, endpoint.app.platform, token, payload, Instant.now().toString(), messageId,
                messageAttributes(form)));
        publishCount.incrementAndGet();
        return messageId;
    }

    /** The platform's entry of a MessageStructure=json message, or its required "default" entry. */
    private static String platformPayload(String message, String platform) {
        JsonNode node;
        try {
            node = Json.readTree(message);
        } catch (IOException e) {
            throw invalid("Message Structure - JSON message body failed to parse");
        }
        if (!node.isObject() || !node.path("default").isTextual()) {
            throw invalid("Message Structure - No default entry in JSON message body");
        }
        JsonNode entry = node.get(platform);
        if (entry == null) {
            return node.get("default").asText();
        }
        if (!entry.isTextual()) {
            throw invalid("Message Structure - The " + platform + " entry must be a JSON string");
        }
        return entry.asText();
    }

    private Endpoint existing(String arn) {
        Endpoint endpoint = arn == null ? null : endpoints.get(arn);
        if (endpoint == null) {
            throw new SnsError(404, "Sender", "NotFound", "Endpoint does not exist");
        }
        return endpoint;
    }

    // ------------------------------------------------------------------ helpers

    private static SnsError invalid(String detail) {
        return new SnsError(400, "Sender", "InvalidParameter", "Invalid parameter: " + detail);
    }

    private static String require(Map<String, String> form, String name) {
        String value = form.get(name);
        if (value == null || value.isEmpty()) {
            throw invalid(name + " Reason: cannot be empty");
        }
        return value;
    }

    /** Query-protocol maps: {@code Attributes.entry.N.key} / {@code Attributes.entry.N.value}. */
    private static Map<String, String> attributes(Map<String, String> form, String prefix) {
        Map<String, String> result = new LinkedHashMap<>();
        for (int i = 1; ; i++) {
            String key = form.get(prefix + ".entry." + i + ".key");
            if (key == null) {
                return result;
            }
            result.put(key, form.getOrDefault(prefix + ".entry." + i + ".value", ""));
        }
    }

    /** {@code MessageAttributes.entry.N.Name} / {@code .Value.DataType} / {@code .Value.StringValue}. */
    private static Map<String, String> messageAttributes(Map<String, String> form) {
        Map<String, String> result = null;
        for (int i = 1; ; i++) {
            String name = form.get("MessageAttributes.entry." + i + ".Name");
            if (name == null) {
                return result == null ? Map.of() : result;
            }
            if (result == null) {
                result = new HashMap<>();
            }
            result.put(name, form.getOrDefault("MessageAttributes.entry." + i + ".Value.StringValue", ""));
        }
    }

    private static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        int start = 0;
        int length = body.length();
        while (start < length) {
            int end = body.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            int eq = body.indexOf('=', start);
            if (eq < 0 || eq > end) {
                form.put(decode(body.substring(start, end)), "");
            } else {
                form.put(decode(body.substring(start, eq)), decode(body.substring(eq + 1, end)));
            }
            start = end + 1;
        }
        return form;
    }

    private static String decode(String s) {
        return s.indexOf('%') < 0 && s.indexOf('+') < 0 ? s : URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static Reply ok(String action, String result, String requestId) {
        StringBuilder xml = new StringBuilder(256).append("<").append(action).append("Response xmlns=\"").append(NS)
                .append("\">");
        if (result != null) {
            xml.append("<").append(action).append("Result>").append(result).append("</").append(action).append("Result>");
        }
        xml.append("<ResponseMetadata><RequestId>").append(requestId).append("</RequestId></ResponseMetadata></")
                .append(action).append("Response>");
        return new Reply(200, xml.toString());
    }

    private static String error(SnsError e, String requestId) {
        return "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>" + e.type + "</Type><Code>" + e.code
                + "</Code><Message>" + xml(e.getMessage()) + "</Message></Error><RequestId>" + requestId
                + "</RequestId></ErrorResponse>";
    }

    private static String entries(Map<String, String> attributes) {
        StringBuilder xml = new StringBuilder();
        attributes.forEach((k, v) -> xml.append("<entry><key>").append(xml(k)).append("</key><value>").append(xml(v))
                .append("</value></entry>"));
        return xml.toString();
    }

    static String xml(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private record Reply(int status, String body) {
    }

    private record PlatformApplication(String arn, String platform) {
    }

    private static final class Endpoint {
        final String arn;
        final PlatformApplication app;
        String token;
        boolean enabled = true;
        String customUserData = "";

        Endpoint(String arn, PlatformApplication app, String token) {
            this.arn = arn;
            this.app = app;
            this.token = token;
        }

        Map<String, String> attributes() {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("Token", token);
            attributes.put("Enabled", Boolean.toString(enabled));
            if (!customUserData.isEmpty()) {
                attributes.put("CustomUserData", customUserData);
            }
            return attributes;
        }

        synchronized Map<String, String> attributesLocked() {
            return attributes();
        }
    }

    private static final class SnsError extends RuntimeException {
        final int status;
        final String type;
        final String code;

        SnsError(int status, String type, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.type = type;
            this.code = code;
        }
    }
}
