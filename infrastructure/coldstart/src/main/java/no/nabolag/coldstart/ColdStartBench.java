package no.nabolag.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nabolag.core.delivery.DeliveryTask;
import no.nabolag.core.subscription.AudienceShard;
import no.nabolag.local.LocalStack;
import no.nabolag.local.LocalStackConfig;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Cold start of each Nabolag function against the local emulators, compared in the same run with a plain
 * RequestHandler that makes the same AWS SDK calls (package {@code baseline}).
 *
 * <p>One run = one new JVM (Lambda's JVM flags for Java 21: {@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}) with
 * only the function's deployment jar and the tiny {@code child} package on the class path, the function's settings
 * as environment variables (as Lambda sets them), measured from process start to the end of the first invocation.
 * Function and baseline runs alternate, so both see the same machine load. Prints a Markdown table.
 */
public final class ColdStartBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RESULT = Pattern.compile("COLDSTART initMs=([0-9.]+) invokeMs=([0-9.]+) cpuMs=([0-9.]+) status=(\\S+) calls=(.*)");
    private static final String DISTRICT = "frogner";
    private static final String CATEGORY = "culture-events";
    private static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    private final LocalStack stack;
    private final Path root;
    private final Path work;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> devices = new ArrayList<>();
    /** Push tokens, device secrets and the link token of the scenario: none may appear in any log line. */
    private final List<String> secrets = new ArrayList<>();
    private String linkToken;
    private int deliveryShard;
    /** The hand-written console's jar (built from git history), measured against the Micronaut console when given. */
    private Path consoleBefore;

    private ColdStartBench(LocalStack stack, Path root, Path work) {
        this.stack = stack;
        this.root = root;
        this.work = work;
    }

    /** One function under test: its template id, jar, handler, baseline and a fresh event for each run. */
    private record Case(String function, String module, String handler, String baseline, String scenario,
                        Supplier<Properties> event) {
    }

    /** One measured run. */
    record Run(double wallMs, double initMs, double invokeMs, double cpuMs, String status, String calls) {
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        List<String> only = List.of();
        boolean recordOnly = false;
        Path consoleBefore = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--functions" -> only = List.of(args[++i].split(","));
                case "--record-only" -> recordOnly = true;
                case "--console-before" -> consoleBefore = Path.of(args[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
        }
        Path root = Path.of("").toAbsolutePath();
        Path work = Files.createDirectories(root.resolve("infrastructure/coldstart/target/runs"));
        try (var old = Files.list(work)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        try (LocalStack stack = LocalStack.start(LocalStackConfig.defaults().withSchedules(false))) {
            ColdStartBench bench = new ColdStartBench(stack, root, work);
            bench.consoleBefore = consoleBefore;
            bench.seed();
            List<Case> cases = bench.cases();
            StringBuilder table = new StringBuilder();
            table.append("| function | scenario | jar (MB) | wall p50 Nabolag / baseline (ms) | wall ratio | CPU p50 Nabolag / baseline (ms) | CPU ratio | init / first invoke p50, Nabolag (ms) | init / first invoke p50, baseline (ms) | SDK calls |\n");
            table.append("|---|---|---|---|---|---|---|---|---|---|\n");
            for (Case c : cases) {
                if (!only.isEmpty() && !only.contains(c.function().split(" ")[0])) {
                    continue;
                }
                if (c.module().equals("console-before") && bench.consoleBefore == null) {
                    continue; // measured only with --console-before <jar>
                }
                if (recordOnly) {
                    Run run = bench.run(c, c.handler());
                    System.out.println(c.function() + " " + run);
                    continue;
                }
                List<Run> fn = new ArrayList<>();
                List<Run> base = new ArrayList<>();
                bench.run(c, c.handler()); // warms the OS page cache for the jar and first-run state; not counted
                bench.run(c, c.baseline());
                for (int i = 0; i < runs; i++) {
                    fn.add(bench.run(c, c.handler()));
                    base.add(bench.run(c, c.baseline()));
                }
                double f = median(fn.stream().mapToDouble(Run::wallMs).toArray());
                double b = median(base.stream().mapToDouble(Run::wallMs).toArray());
                double mb = Files.size(bench.jar(c)) / 1024.0 / 1024.0;
                String calls = summarize(fn.get(0).calls());
                String baseCalls = summarize(base.get(0).calls());
                double fc = median(fn.stream().mapToDouble(Run::cpuMs).toArray());
                double bc = median(base.stream().mapToDouble(Run::cpuMs).toArray());
                table.append(String.format("| %s | %s | %.1f | %.0f / %.0f | %.2fx | %.0f / %.0f | %.2fx | %.0f / %.0f | %.0f / %.0f | %s%s |%n",
                        c.function(), c.scenario(), mb, f, b, f / b, fc, bc, fc / bc,
                        median(fn.stream().mapToDouble(Run::initMs).toArray()),
                        median(fn.stream().mapToDouble(Run::invokeMs).toArray()),
                        median(base.stream().mapToDouble(Run::initMs).toArray()),
                        median(base.stream().mapToDouble(Run::invokeMs).toArray()), calls,
                        calls.equals(baseCalls) ? "" : " (baseline: " + baseCalls + ")"));
                System.err.println(c.function() + " nabolag=" + fn + "\n  baseline=" + base);
            }
            table.append("\n").append(bench.logCheck()).append("\n");
            System.out.print(table);
            Files.writeString(root.resolve("infrastructure/coldstart/target/coldstart.md"), table);
        }
        System.exit(0);
    }

    private List<Case> cases() {
        return List.of(
                new Case("ResidentApiFunction", "resident-api", "no.nabolag.resident.ResidentApiHandler",
                        "no.nabolag.coldstart.baseline.DistrictFeedBaseline", "GET district feed", () -> http(
                                "GET /v1/districts/{districtId}/feed", "/v1/districts/" + DISTRICT + "/feed",
                                Map.of("districtId", DISTRICT))),
                new Case("PublisherFunction", "publisher", "no.nabolag.publisher.PublisherHandler",
                        "no.nabolag.coldstart.baseline.PublisherFormBaseline", "GET publisher form", () -> http(
                                "GET /p/{linkToken}", "/p/" + linkToken, Map.of("linkToken", linkToken))),
                new Case("FanoutFunction", "fanout", "no.nabolag.fanout.FanoutHandler",
                        "no.nabolag.coldstart.baseline.FanoutBaseline", "post to 1 district (16 shards)",
                        () -> sqs("{\"postId\":\"" + newPost() + "\"}")),
                new Case("DeliveryFunction", "delivery", "no.nabolag.delivery.DeliveryHandler",
                        "no.nabolag.coldstart.baseline.DeliveryBaseline", "one shard page, pushes via SNS",
                        () -> sqs(DeliveryTask.shard(newPost(), DISTRICT, deliveryShard).toJson())),
                new Case("SchedulerFunction", "scheduler", "no.nabolag.scheduler.SchedulerHandler",
                        "no.nabolag.coldstart.baseline.SchedulerBaseline", "one minute tick", () -> {
                            Properties p = new Properties();
                            p.setProperty("kind", "schedule");
                            return p;
                        }),
                new Case("ConsoleFunction", "console", "no.nabolag.console.ConsoleFunction",
                        "no.nabolag.coldstart.baseline.ConsolePageBaseline", "GET moderation queue, signed in",
                        () -> consolePage(ConsoleSessions.micronaut(signingKeys()))),
                new Case("ConsoleFunction (hand-written, before)", "console-before", "no.nabolag.console.ConsoleHandler",
                        "no.nabolag.coldstart.baseline.ConsolePageBaseline", "GET moderation queue, signed in",
                        () -> consolePage(ConsoleSessions.handWritten(signingKeys()))));
    }

    private no.nabolag.core.security.SigningKeys signingKeys() {
        return no.nabolag.aws.security.SecretsManagerSigningSecret.load(stack.settingsOf("ConsoleFunction"));
    }

    private static Properties consolePage(String sessionCookie) {
        Properties p = http("GET /console/moderation", "/console/moderation", Map.of());
        p.setProperty("header.accept", "text/html");
        p.setProperty("cookies", sessionCookie);
        return p;
    }

    private Path jar(Case c) {
        if (c.module().equals("console-before")) {
            return consoleBefore;
        }
        return root.resolve("functions/" + c.module() + "/target/" + c.module() + "-lambda.jar");
    }

    /** Launches a fresh JVM with the function's jar and runs one invocation of handlerClass. */
    private Run run(Case c, String handlerClass) throws IOException, InterruptedException {
        Path eventFile = work.resolve(c.function() + "-" + UUID.randomUUID() + ".properties");
        try (Writer out = Files.newBufferedWriter(eventFile, StandardCharsets.UTF_8)) {
            c.event().get().store(out, null);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-Dcoldstart.record=true");
        command.add("-cp");
        command.add(root.resolve("infrastructure/coldstart/target/classes") + ":" + jar(c));
        command.add("no.nabolag.coldstart.child.Runner");
        command.add(handlerClass);
        command.add(eventFile.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(work.resolve(c.function() + ".log").toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment(c.function().split(" ")[0]));
        stack.awaitIdle(Duration.ofSeconds(60));
        long start = System.nanoTime();
        Process process = builder.start();
        String line;
        String result = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("COLDSTART")) {
                    result = line;
                    break;
                }
            }
        }
        double wall = (System.nanoTime() - start) / 1e6;
        process.waitFor();
        Files.deleteIfExists(eventFile);
        if (result == null) {
            throw new IllegalStateException(handlerClass + " printed no result; see " + work.resolve(c.function() + ".log"));
        }
        Matcher m = RESULT.matcher(result);
        if (!m.matches()) {
            throw new IllegalStateException(result);
        }
        return new Run(wall, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                m.group(4), m.group(5));
    }

    /** The function's settings as the local stack builds them from template.yaml, as environment variables. */
    private Map<String, String> environment(String function) throws IOException {
        TreeSet<String> names = new TreeSet<>(List.of("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_SNS",
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", "ADMIN_AUTH", "NABOLAG_ADMIN_TOKEN"));
        Matcher m = Pattern.compile("(?m)^\\s+([A-Z][A-Z0-9_]+):").matcher(Files.readString(root.resolve("template.yaml")));
        while (m.find()) {
            names.add(m.group(1));
        }
        var settings = stack.settingsOf(function);
        Map<String, String> env = new TreeMap<>();
        names.forEach(n -> settings.find(n).ifPresent(v -> env.put(n, v)));
        return env;
    }

    // ------------------------------------------------------------------ scenario data

    private void seed() throws Exception {
        // 48 devices at once, as if over weeks: above SNS's CreatePlatformEndpoint rate, which is not measured here.
        stack.snsEmulator().createEndpointsPerSecond(Integer.MAX_VALUE);
        int shards = Integer.parseInt(stack.settingsOf("DeliveryFunction").get("AUDIENCE_SHARDS", "16"));
        Map<Integer, Integer> perShard = new TreeMap<>();
        for (int i = 0; i < 48; i++) {
            // APNs tokens are 64 hex characters (two UUIDs' hex), FCM tokens URL-safe text.
            String token = i % 2 == 0 ? (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "")
                    : "bench-" + UUID.randomUUID();
            secrets.add(token);
            JsonNode device = json(send("POST", "/v1/devices", null, "{\"platform\":\"" + (i % 2 == 0 ? "ios" : "android")
                    + "\",\"pushToken\":\"" + token + "\",\"locale\":\"nb\",\"timeZone\":\"Europe/Oslo\"}", 201));
            secrets.add(device.path("deviceSecret").asText());
            String id = device.path("deviceId").asText();
            send("PUT", "/v1/devices/" + id + "/subscriptions", "Bearer " + device.path("deviceSecret").asText(),
                    "{\"subscriptions\":[{\"districtId\":\"" + DISTRICT + "\",\"categories\":[\"" + CATEGORY + "\"]}],"
                            + "\"quietHours\":null}", 200);
            devices.add(id);
            perShard.merge(AudienceShard.of(id, shards), 1, Integer::sum);
        }
        deliveryShard = perShard.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        System.err.println("devices per shard " + perShard + "; delivery runs shard " + deliveryShard);
        JsonNode org = json(send("POST", "/admin/v1/tenants/oslo/organizations", "Bearer " + stack.adminToken(),
                "{\"name\":\"Frogner bydel\",\"kind\":\"unit\",\"tenantId\":\"oslo\",\"districtIds\":[\"" + DISTRICT
                        + "\"],\"categoryIds\":[\"" + CATEGORY + "\"],\"trusted\":true}", 201));
        JsonNode link = json(send("POST", "/admin/v1/tenants/oslo/organizations/" + org.path("organizationId").asText() + "/links",
                "Bearer " + stack.adminToken(), "{\"validDays\":30}", -1));
        String url = link.path("url").asText();
        linkToken = url.substring(url.lastIndexOf('/') + 1);
        secrets.add(linkToken);
        for (int i = 0; i < 20; i++) {
            newPost(); // a feed with a page of posts
        }
    }

    /** A published post in Frogner, written as docs/data-model.md describes it, with its feed entry. */
    private String newPost() {
        String postId = UUID.randomUUID().toString().replace("-", "");
        String now = Instant.now().toString();
        Map<String, AttributeValue> post = new LinkedHashMap<>();
        post.put("postId", s(postId));
        post.put("tenantId", s("oslo"));
        post.put("organizationId", s("bench"));
        post.put("organizationName", s("Frogner bydel"));
        post.put("districtIds", AttributeValue.fromL(List.of(s(DISTRICT))));
        post.put("categoryIds", AttributeValue.fromL(List.of(s(CATEGORY))));
        post.put("title", s("Konsert i Frognerparken"));
        post.put("body", s("Gratis konsert lørdag kl. 14."));
        post.put("urgent", AttributeValue.fromBool(false));
        post.put("createdAt", s(now));
        post.put("publishedAt", s(now));
        post.put("status", s("PUBLISHED"));
        post.put("statusAt", s(now));
        post.put("history", AttributeValue.fromL(List.of()));
        stack.dynamoDb().putItem(r -> r.tableName(stack.tableName("PostsTable")).item(post));
        stack.dynamoDb().putItem(r -> r.tableName(stack.tableName("FeedTable")).item(Map.of(
                "districtId", s(DISTRICT), "feedKey", s(now + "#" + postId), "postId", s(postId),
                "tenantId", s("oslo"), "categoryIds", AttributeValue.fromSs(List.of(CATEGORY)))));
        return postId;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static Properties http(String routeKey, String rawPath, Map<String, String> pathParameters) {
        Properties p = new Properties();
        p.setProperty("kind", "http");
        p.setProperty("method", routeKey.substring(0, routeKey.indexOf(' ')));
        p.setProperty("routeKey", routeKey);
        p.setProperty("rawPath", rawPath);
        pathParameters.forEach((k, v) -> p.setProperty("path." + k, v));
        p.setProperty("header.accept", "application/json, text/html");
        p.setProperty("header.accept-language", "nb");
        p.setProperty("header.user-agent", "Nabolag/1.0 (bench)");
        return p;
    }

    private static Properties sqs(String body) {
        Properties p = new Properties();
        p.setProperty("kind", "sqs");
        p.setProperty("body", body);
        return p;
    }

    private String send(String method, String path, String authorization, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                .header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (expected > 0 && response.statusCode() != expected || response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    /**
     * The functions' own log lines from every run (their stdout, which Lambda sends to CloudWatch): each must be
     * one JSON object, and none may contain a push token, a device secret or a link token of the scenario.
     */
    private String logCheck() throws IOException {
        int lines = 0;
        int json = 0;
        int withIds = 0;
        List<String> leaks = new ArrayList<>();
        try (var files = Files.list(work)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.startsWith("SLF4J")) {
                        continue; // the SDK's SLF4J notice on stderr, not a function log line
                    }
                    lines++;
                    try {
                        JsonNode node = JSON.readTree(line);
                        if (node.isObject()) {
                            json++;
                            if (node.has("postId") || node.has("deviceId") || node.has("linkId")) {
                                withIds++;
                            }
                        }
                    } catch (IOException notJson) {
                        // counted as a non-JSON line
                    }
                    for (String secret : secrets) {
                        if (!secret.isEmpty() && line.contains(secret)) {
                            leaks.add(file.getFileName() + ": " + secret.substring(0, Math.min(8, secret.length())) + "...");
                        }
                    }
                }
            }
        }
        return String.format("Log check: %d log lines from the runs, %d of them JSON objects, %d with postId/deviceId/"
                + "linkId; push tokens, device secrets or link tokens found in logs: %s.", lines, json, withIds,
                leaks.isEmpty() ? "none" : leaks);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** "DynamoDb.Query,DynamoDb.Query,Sns.Publish" -> "DynamoDb.Query x2, Sns.Publish" (sorted). */
    static String summarize(String calls) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String call : calls.split(",")) {
            if (!call.isBlank()) {
                counts.merge(call, 1, Integer::sum);
            }
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(v == 1 ? k : k + " x" + v));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
