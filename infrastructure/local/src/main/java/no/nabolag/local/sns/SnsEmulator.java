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
 * An emulator of SNS mobile push that speaks the SNS Query protocol (form-encoded POST or GET query string, XML
 * replies), so the real {@code SnsClient} is what code and tests use. Nothing off the shelf implements platform
 * applications and endpoints (see /work/shared/design/EMULATORS.md), hence this hand-rolled one: small, in memory,
 * and fast enough for the delivery benchmark (it parses forms and writes XML by hand instead of with a DOM).
 *
 * <p>Actions: CreatePlatformApplication, GetPlatformApplicationAttributes, SetPlatformApplicationAttributes,
 * ListPlatformApplications, DeletePlatformApplication, CreatePlatformEndpoint, ListEndpointsByPlatformApplication,
 * GetEndpointAttributes, SetEndpointAttributes, DeleteEndpoint, Publish (TargetArn, MessageStructure=json). Errors as
 * SNS returns them: EndpointDisabled, NotFound, InvalidParameter and Throttling (HTTP 400; the SDK classifies the code
 * {@code Throttling} as throttling and retries it by itself, so {@link #throttleNextPublishes(int)} counts every
 * attempt, retries included).
 *
 * <p>The limits of AWS that our code can hit are enforced: the platform message (the endpoint's platform entry of a
 * MessageStructure=json message, else {@code default}, else the message) at most {@value #MAX_PLATFORM_MESSAGE_BYTES}
 * bytes of UTF-8 (APNs' and FCM's own limit); CustomUserData at most {@value #MAX_CUSTOM_USER_DATA_BYTES} bytes;
 * Enabled only true/false; Platform only the documented platforms; a malformed ARN is InvalidParameter; lists page
 * by {@value #PAGE_SIZE} with NextToken; CreatePlatformEndpoint at most N per second (AWS: 30 in most regions), as a
 * token bucket holding one second's worth.
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
    /** APNs (payload) and FCM (message) accept at most 4 KB; SNS refuses a larger platform message. */
    public static final int MAX_PLATFORM_MESSAGE_BYTES = 4096;
    public static final int MAX_CUSTOM_USER_DATA_BYTES = 2048;
    /** Entries per page of ListEndpointsByPlatformApplication and ListPlatformApplications, as in AWS. */
    public static final int PAGE_SIZE = 100;
    public static final List<String> PLATFORMS = List.of("APNS", "APNS_SANDBOX", "GCM", "ADM", "BAIDU", "WNS", "MPNS");
    private static final String PLATFORM_PATTERN = "(APNS|APNS_SANDBOX|GCM|ADM|BAIDU|WNS|MPNS)";
    private static final java.util.regex.Pattern APPLICATION_ARN = java.util.regex.Pattern.compile(
            "arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:app/" + PLATFORM_PATTERN + "/[A-Za-z0-9_.-]{1,256}");
    private static final java.util.regex.Pattern ENDPOINT_ARN = java.util.regex.Pattern.compile(
            "arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:endpoint/" + PLATFORM_PATTERN + "/[A-Za-z0-9_.-]{1,256}/[A-Za-z0-9-]{1,64}");
    private static final java.util.regex.Pattern APPLICATION_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{1,256}");

    private final String region;
    private final String accountId;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, PlatformApplication> applications = new ConcurrentHashMap<>();
    /** Applications in creation order, for ListPlatformApplications' pages. */
    private final java.util.concurrent.ConcurrentSkipListMap<Long, PlatformApplication> applicationOrder =
            new java.util.concurrent.ConcurrentSkipListMap<>();
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    /**
     * (application ARN + '\n' + token) to the endpoints holding that token, oldest first: CreatePlatformEndpoint is
     * idempotent per token. A set, because SetEndpointAttributes may give a second endpoint a token already in use;
     * deleting either leaves the other findable. Guarded by itself, together with the endpoints' tokens.
     */
    private final Map<String, java.util.LinkedHashSet<String>> endpointsByToken = new HashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Object createEndpointBucket = new Object();
    private double createEndpointTokens = 30;
    private long createEndpointRefilledAt = System.nanoTime();
    private final AtomicInteger unlimitedScopes = new AtomicInteger();
    private final Set<String> rejectedTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger throttledPublishes = new AtomicInteger();
    private final ConcurrentLinkedQueue<Push> pushes = new ConcurrentLinkedQueue<>();
    private final AtomicLong publishCount = new AtomicLong();
    private volatile int createEndpointsPerSecond = 30;
    /** The account's Publish quota (0 = none): a token bucket holding one second's worth, as for endpoints. */
    private final Object publishBucket = new Object();
    private volatile int publishesPerSecond;
    private double publishTokens;
    private long publishRefilledAt = System.nanoTime();
    private final AtomicLong publishesOverQuota = new AtomicLong();
    private volatile boolean keepPushes = true;

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
        synchronized (createEndpointBucket) {
            // A new limit starts with a full second's worth, so what follows is measured against it alone.
            this.createEndpointsPerSecond = limit;
            this.createEndpointTokens = limit;
            this.createEndpointRefilledAt = System.nanoTime();
        }
    }

    public int createEndpointsPerSecond() {
        return createEndpointsPerSecond;
    }

    /**
     * Runs test or benchmark set-up that registers many devices at once, as if over weeks, without the
     * CreatePlatformEndpoint limit (every caller's calls are unlimited meanwhile).
     */
    public <T> T withoutCreateEndpointLimit(java.util.function.Supplier<T> setup) {
        unlimitedScopes.incrementAndGet();
        try {
            return setup.get();
        } finally {
            unlimitedScopes.decrementAndGet();
        }
    }

    /**
     * At most this many Publish calls per second, beyond which Publish answers Throttling, as SNS does at the
     * account's regional quota (300/s in most regions, 1,500 eu-central-1, 9,000 eu-west-1, 30,000 us-east-1);
     * 0 = no limit (the default). Benchmarks use it to hold delivery to a region's quota.
     */
    public void publishesPerSecond(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("Publish limit must be 0 (none) or positive");
        }
        synchronized (publishBucket) {
            this.publishesPerSecond = limit;
            this.publishTokens = limit;
            this.publishRefilledAt = System.nanoTime();
        }
    }

    /** Publish calls refused with Throttling because they exceeded {@link #publishesPerSecond(int)}. */
    public long publishesOverQuota() {
        return publishesOverQuota.get();
    }

    /**
     * Whether accepted pushes are kept for {@link #pushes()} (default true). A city-sized benchmark turns it off so
     * 700,000 payloads do not fill the heap; {@link #publishCount()} still counts.
     */
    public void keepPushes(boolean keep) {
        this.keepPushes = keep;
    }

    /**
     * Creates (or returns) a platform endpoint in-process, without HTTP and without the CreatePlatformEndpoint limit:
     * for benchmarks that load a city's devices as if they had registered over months. Same rules as the action.
     */
    public String createPlatformEndpoint(String applicationArn, String token) {
        return withoutCreateEndpointLimit(() -> createEndpoint(Map.of("PlatformApplicationArn", applicationArn,
                "Token", token)));
    }

    /** Creates (or returns) a platform application directly, as the stack does at start. */
    public String createPlatformApplication(String name, String platform) {
        return createPlatformApplication(name, platform, Map.of());
    }

    private String createPlatformApplication(String name, String platform, Map<String, String> attributes) {
        if (!PLATFORMS.contains(platform)) {
            throw invalid("Platform Reason: " + platform + " is not one of " + PLATFORMS);
        }
        if (!APPLICATION_NAME.matcher(name).matches()) {
            throw invalid("Name Reason: 1 to 256 ASCII letters, digits, underscores, hyphens and periods");
        }
        String arn = "arn:aws:sns:" + region + ":" + accountId + ":app/" + platform + "/" + name;
        applications.computeIfAbsent(arn, a -> {
            PlatformApplication app = new PlatformApplication(a, platform, sequence.incrementAndGet());
            app.setAttributes(attributes);
            applicationOrder.put(app.seq, app);
            return app;
        });
        return arn;
    }

    /** The platform applications' ARNs, oldest first. */
    public List<String> platformApplications() {
        return applicationOrder.values().stream().map(app -> app.arn).toList();
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
            // The Query protocol takes its parameters from a GET query string or a POST form (or both).
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, String> form = parseForm(query == null ? "" : query);
            form.putAll(parseForm(readBody(exchange)));
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
                Map<String, String> attributes = attributes(form, "Attributes");
                return ok(action, "<PlatformApplicationArn>" + xml(createPlatformApplication(name, platform,
                        attributes)) + "</PlatformApplicationArn>", requestId);
            case "GetPlatformApplicationAttributes":
                return ok(action, "<Attributes>" + entries(application(form).attributes()) + "</Attributes>", requestId);
            case "SetPlatformApplicationAttributes":
                application(form).setAttributes(attributes(form, "Attributes"));
                return ok(action, null, requestId);
            case "DeletePlatformApplication":
                deletePlatformApplication(form.get("PlatformApplicationArn"));
                return ok(action, null, requestId);
            case "ListPlatformApplications":
                return ok(action, listPlatformApplications(form.get("NextToken")), requestId);
            case "ListEndpointsByPlatformApplication":
                return ok(action, listEndpoints(application(form), form.get("NextToken")), requestId);
            default:
                throw new SnsError(400, "Sender", "InvalidAction",
                        "The action " + action + " is not valid for this web service.");
        }
    }

    private String createEndpoint(Map<String, String> form) {
        String appArn = require(form, "PlatformApplicationArn");
        String token = require(form, "Token");
        checkArn("PlatformApplicationArn", appArn, APPLICATION_ARN);
        takeCreateEndpointPermit();
        PlatformApplication app = applications.get(appArn);
        if (app == null) {
            throw new SnsError(404, "Sender", "NotFound", "PlatformApplication does not exist");
        }
        Map<String, String> requested = attributes(form, "Attributes");
        for (String attribute : requested.keySet()) {
            if (!List.of("CustomUserData", "Enabled", "Token").contains(attribute)) {
                throw invalid("Attributes Reason: Invalid attribute name: " + attribute);
            }
        }
        if (form.containsKey("CustomUserData")) {
            requested.put("CustomUserData", form.get("CustomUserData"));
        }
        checkCustomUserData(requested.get("CustomUserData"));
        boolean enabled = enabledValue(requested.getOrDefault("Enabled", "true"));
        String key = appArn + "\n" + token;
        synchronized (endpointsByToken) {
            java.util.LinkedHashSet<String> holders = endpointsByToken.get(key);
            String existingArn = holders == null || holders.isEmpty() ? null : holders.iterator().next();
            if (existingArn != null) {
                Endpoint endpoint = endpoints.get(existingArn);
                synchronized (endpoint) {
                    Map<String, String> current = endpoint.attributes();
                    // AWS compares the attributes given with the existing endpoint's; a missing CustomUserData is "".
                    String wantedData = requested.getOrDefault("CustomUserData", "");
                    boolean same = wantedData.equals(current.getOrDefault("CustomUserData", ""));
                    for (var e : requested.entrySet()) {
                        if (!e.getKey().equals("CustomUserData") && !e.getValue().equalsIgnoreCase(current.get(e.getKey()))) {
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
            Endpoint endpoint = new Endpoint(arn, app, token, sequence.incrementAndGet());
            endpoint.customUserData = requested.getOrDefault("CustomUserData", "");
            endpoint.enabled = enabled;
            endpoints.put(arn, endpoint);
            app.endpoints.put(endpoint.seq, endpoint);
            index(key, arn);
            return arn;
        }
    }

    /** A CreatePlatformEndpoint request: one token of a bucket refilled at the limit and holding one second's worth. */
    private void takeCreateEndpointPermit() {
        if (unlimitedScopes.get() > 0) {
            return;
        }
        synchronized (createEndpointBucket) {
            long now = System.nanoTime();
            int limit = createEndpointsPerSecond;
            createEndpointTokens = Math.min(limit, createEndpointTokens + (now - createEndpointRefilledAt) / 1e9 * limit);
            createEndpointRefilledAt = now;
            if (createEndpointTokens < 1) {
                throw new SnsError(400, "Sender", "Throttling", "Rate exceeded");
            }
            createEndpointTokens -= 1;
        }
    }

    /** A Publish request under the account quota, if one is set: one token of a bucket holding one second's worth. */
    private void takePublishPermit() {
        int limit = publishesPerSecond;
        if (limit <= 0) {
            return;
        }
        synchronized (publishBucket) {
            long now = System.nanoTime();
            publishTokens = Math.min(limit, publishTokens + (now - publishRefilledAt) / 1e9 * limit);
            publishRefilledAt = now;
            if (publishTokens < 1) {
                publishesOverQuota.incrementAndGet();
                throw new SnsError(400, "Sender", "Throttling", "Rate exceeded");
            }
            publishTokens -= 1;
        }
    }

    private void setEndpointAttributes(Map<String, String> form) {
        Endpoint endpoint = existing(form.get("EndpointArn"));
        Map<String, String> changes = attributes(form, "Attributes");
        // Check everything first: a refused request changes nothing.
        for (var e : changes.entrySet()) {
            switch (e.getKey()) {
                case "Token" -> {
                    if (e.getValue().isEmpty()) {
                        throw invalid("Attributes Reason: Token must not be empty");
                    }
                }
                case "Enabled" -> enabledValue(e.getValue());
                case "CustomUserData" -> checkCustomUserData(e.getValue());
                default -> throw invalid("Attributes Reason: Invalid attribute name: " + e.getKey());
            }
        }
        synchronized (endpointsByToken) {
            synchronized (endpoint) {
                for (var e : changes.entrySet()) {
                    switch (e.getKey()) {
                        case "Token" -> {
                            unindex(endpoint.app.arn + "\n" + endpoint.token, endpoint.arn);
                            endpoint.token = e.getValue();
                            index(endpoint.app.arn + "\n" + endpoint.token, endpoint.arn);
                        }
                        case "Enabled" -> endpoint.enabled = enabledValue(e.getValue());
                        default -> endpoint.customUserData = e.getValue();
                    }
                }
            }
        }
    }

    private void deleteEndpoint(String arn) {
        if (arn == null || arn.isEmpty()) {
            throw invalid("EndpointArn Reason: must not be empty");
        }
        checkArn("EndpointArn", arn, ENDPOINT_ARN);
        synchronized (endpointsByToken) {
            Endpoint endpoint = endpoints.remove(arn);
            if (endpoint != null) {
                endpoint.app.endpoints.remove(endpoint.seq);
                unindex(endpoint.app.arn + "\n" + endpoint.token, arn);
            }
        }
    }

    private void deletePlatformApplication(String arn) {
        if (arn == null || arn.isEmpty()) {
            throw invalid("PlatformApplicationArn Reason: must not be empty");
        }
        checkArn("PlatformApplicationArn", arn, APPLICATION_ARN);
        PlatformApplication app = applications.remove(arn);
        if (app != null) {
            applicationOrder.remove(app.seq);
            app.endpoints.values().forEach(endpoint -> deleteEndpoint(endpoint.arn));
        }
    }

    /** Call with endpointsByToken held. */
    private void index(String key, String arn) {
        endpointsByToken.computeIfAbsent(key, k -> new java.util.LinkedHashSet<>()).add(arn);
    }

    /** Call with endpointsByToken held. */
    private void unindex(String key, String arn) {
        java.util.LinkedHashSet<String> holders = endpointsByToken.get(key);
        if (holders != null) {
            holders.remove(arn);
            if (holders.isEmpty()) {
                endpointsByToken.remove(key);
            }
        }
    }

    /** The endpoints holding a token in an application, oldest first (the token index, for tests). */
    public List<String> endpointsWithToken(String applicationArn, String token) {
        synchronized (endpointsByToken) {
            return List.copyOf(endpointsByToken.getOrDefault(applicationArn + "\n" + token, new java.util.LinkedHashSet<>()));
        }
    }

    private String listPlatformApplications(String nextToken) {
        StringBuilder xml = new StringBuilder("<PlatformApplications>");
        long last = -1;
        int count = 0;
        for (PlatformApplication app : applicationOrder.tailMap(after(nextToken), false).values()) {
            if (count == PAGE_SIZE) {
                break;
            }
            xml.append("<member><PlatformApplicationArn>").append(xml(app.arn)).append("</PlatformApplicationArn><Attributes>")
                    .append(entries(app.attributes())).append("</Attributes></member>");
            last = app.seq;
            count++;
        }
        xml.append("</PlatformApplications>");
        if (count == PAGE_SIZE && applicationOrder.higherKey(last) != null) {
            xml.append("<NextToken>").append(nextToken(last)).append("</NextToken>");
        }
        return xml.toString();
    }

    private String listEndpoints(PlatformApplication app, String nextToken) {
        StringBuilder xml = new StringBuilder("<Endpoints>");
        long last = -1;
        int count = 0;
        for (Endpoint endpoint : app.endpoints.tailMap(after(nextToken), false).values()) {
            if (count == PAGE_SIZE) {
                break;
            }
            xml.append("<member><EndpointArn>").append(xml(endpoint.arn)).append("</EndpointArn><Attributes>")
                    .append(entries(endpoint.attributesLocked())).append("</Attributes></member>");
            last = endpoint.seq;
            count++;
        }
        xml.append("</Endpoints>");
        if (count == PAGE_SIZE && app.endpoints.higherKey(last) != null) {
            xml.append("<NextToken>").append(nextToken(last)).append("</NextToken>");
        }
        return xml.toString();
    }

    /** NextToken is opaque to callers: the sequence number of the last entry returned. */
    private static String nextToken(long last) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("after:" + last)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static long after(String nextToken) {
        if (nextToken == null || nextToken.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(java.util.Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8);
            if (text.startsWith("after:")) {
                return Long.parseLong(text.substring("after:".length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw invalid("NextToken Reason: not a NextToken this service returned");
    }

    private PlatformApplication application(Map<String, String> form) {
        String arn = require(form, "PlatformApplicationArn");
        checkArn("PlatformApplicationArn", arn, APPLICATION_ARN);
        PlatformApplication app = applications.get(arn);
        if (app == null) {
            throw new SnsError(404, "Sender", "NotFound", "PlatformApplication does not exist");
        }
        return app;
    }

    private String publish(Map<String, String> form) {
        if (throttledPublishes.get() > 0 && throttledPublishes.getAndDecrement() > 0) {
            throw new SnsError(400, "Sender", "Throttling", "Rate exceeded");
        }
        takePublishPermit();
        String targetArn = form.get("TargetArn");
        if (targetArn == null || targetArn.isEmpty()) {
            throw invalid("TargetArn Reason: this emulator supports only Publish to a platform endpoint (TargetArn)");
        }
        checkArn("TargetArn", targetArn, ENDPOINT_ARN);
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
        int payloadBytes = utf8Length(payload);
        if (payloadBytes > MAX_PLATFORM_MESSAGE_BYTES) {
            throw invalid("Message Reason: the " + endpoint.app.platform + " message is " + payloadBytes
                    + " bytes; the platform accepts at most " + MAX_PLATFORM_MESSAGE_BYTES + " bytes");
        }
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
        if (keepPushes) {
            pushes.add(new Push(endpoint.arn, endpoint.app.platform, token, payload, Instant.now().toString(), messageId,
                    messageAttributes(form)));
        }
        publishCount.incrementAndGet();
        return messageId;
    }

    /** The UTF-8 length without allocating the bytes (Publish is the benchmark's hot path). */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static void checkCustomUserData(String data) {
        if (data != null && utf8Length(data) > MAX_CUSTOM_USER_DATA_BYTES) {
            throw invalid("CustomUserData Reason: must be at most " + MAX_CUSTOM_USER_DATA_BYTES + " bytes of UTF-8");
        }
    }

    private static boolean enabledValue(String value) {
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw invalid("Attributes Reason: Enabled must be true or false");
    }

    private static void checkArn(String parameter, String arn, java.util.regex.Pattern pattern) {
        if (!pattern.matcher(arn).matches()) {
            throw invalid(parameter + " Reason: not a valid " + (pattern == ENDPOINT_ARN ? "endpoint" : "platform application")
                    + " ARN");
        }
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
        if (arn == null || arn.isEmpty()) {
            throw invalid("EndpointArn Reason: must not be empty");
        }
        checkArn("EndpointArn", arn, ENDPOINT_ARN);
        Endpoint endpoint = endpoints.get(arn);
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

    private static final class PlatformApplication {
        final String arn;
        final String platform;
        final long seq;
        /** Its endpoints in creation order, for ListEndpointsByPlatformApplication's pages. */
        final java.util.concurrent.ConcurrentSkipListMap<Long, Endpoint> endpoints =
                new java.util.concurrent.ConcurrentSkipListMap<>();
        private final Map<String, String> attributes = new LinkedHashMap<>();

        PlatformApplication(String arn, String platform, long seq) {
            this.arn = arn;
            this.platform = platform;
            this.seq = seq;
            attributes.put("Enabled", "true");
        }

        /** Credentials are write-only, as in SNS: never returned by Get/ListPlatformApplications. */
        synchronized void setAttributes(Map<String, String> changes) {
            changes.forEach((k, v) -> {
                if (!k.equals("PlatformCredential") && !k.equals("PlatformPrincipal")) {
                    attributes.put(k, v);
                }
            });
        }

        synchronized Map<String, String> attributes() {
            return new LinkedHashMap<>(attributes);
        }
    }

    private static final class Endpoint {
        final String arn;
        final PlatformApplication app;
        String token;
        boolean enabled = true;
        String customUserData = "";

        final long seq;

        Endpoint(String arn, PlatformApplication app, String token, long seq) {
            this.arn = arn;
            this.app = app;
            this.token = token;
            this.seq = seq;
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
