package no.nabolag.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nabolag.aws.AwsClients;
import no.nabolag.core.config.Settings;
import no.nabolag.core.json.Json;
import no.nabolag.core.log.JsonLog;
import no.nabolag.local.dynamodb.PartitionMonitor;
import no.nabolag.local.dynamodb.PartitionMonitorInterceptor;
import no.nabolag.local.http.LocalHttpServer;
import no.nabolag.local.oidc.LocalOidcIssuer;
import no.nabolag.local.process.Dynalite;
import no.nabolag.local.secrets.SecretsManagerEmulator;
import no.nabolag.local.sns.SnsEmulator;
import no.nabolag.local.template.Intrinsics;
import no.nabolag.local.template.LocalParameterFile;
import no.nabolag.local.template.TemplateParameters;
import no.nabolag.local.template.LocalResources;
import no.nabolag.local.template.TemplateModel;
import no.nabolag.local.wiring.HttpRoutes;
import no.nabolag.local.wiring.LocalFunction;
import no.nabolag.local.wiring.SqsEventSource;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole system on one machine: dynalite (DynamoDB), ElasticMQ (SQS), our SNS mobile-push and Secrets Manager
 * emulators, and every function of template.yaml wired as SAM wires it (HTTP routes, SQS event sources, schedules),
 * with tables, queues and each function's settings built from the same template.
 */
public final class LocalStack implements AutoCloseable {
    public static final String REGION = "eu-north-1";
    public static final String ACCOUNT_ID = "000000000000";
    public static final String SIGNING_SECRET_NAME = "nabolag-signing-keys";
    private static final JsonLog LOG = JsonLog.forClass(LocalStack.class);
    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");
    private static LocalStack shared;

    private final LocalStackConfig config;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Dynalite dynalite;
    private SQSRestServer elasticMq;
    private URI sqsEndpoint;
    private SnsEmulator sns;
    private SecretsManagerEmulator secrets;
    private String signingSecretArn;
    private LocalParameterFile localFile;
    /** Every template parameter's value for this deployment (defaults, local file, overrides). */
    private Map<String, String> parameters = Map.of();
    /** Each function's environment exactly as its handler sees it. */
    private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();
    private DynamoDbClient dynamoDb;
    private SqsClient sqs;
    private SnsClient snsClient;
    private TemplateModel template;
    private LocalResources resources;
    private LocalHttpServer http;
    private LocalOidcIssuer oidc;
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final List<SqsEventSource> eventSources = new ArrayList<>();
    private ScheduledExecutorService timers;
    private volatile boolean closed;

    private LocalStack(LocalStackConfig config) {
        this.config = config;
    }

    /** One stack per JVM, started on first use (free port, seeded) and closed by a shutdown hook. */
    public static synchronized LocalStack shared() {
        if (shared == null) {
            LocalStack stack = start(LocalStackConfig.defaults());
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
            shared = stack;
        }
        return shared;
    }

    public static LocalStack start(LocalStackConfig config) {
        LocalStack stack = new LocalStack(config);
        try {
            stack.boot();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void boot() {
        long started = System.nanoTime();
        if (!Files.isRegularFile(config.template())) {
            throw new IllegalStateException("No template at " + config.template());
        }
        CompletableFuture<Dynalite> dynaliteStart = CompletableFuture.supplyAsync(
                () -> Dynalite.start(config.moduleDir(), Duration.ofSeconds(30)));
        CompletableFuture<SQSRestServer> sqsStart = CompletableFuture.supplyAsync(() -> SQSRestServerBuilder
                .withDynamicPort().withInterface("127.0.0.1").withAWSRegion(REGION).withAWSAccountId(ACCOUNT_ID).start());
        sns = SnsEmulator.start(REGION, ACCOUNT_ID);
        closeables.add(sns);
        secrets = SecretsManagerEmulator.start(REGION, ACCOUNT_ID);
        closeables.add(secrets);
        template = TemplateModel.load(config.template());
        localFile = config.localParameterFile();
        localFile.platformApplications().forEach(app -> sns.createPlatformApplication(app.name(), app.platform()));
        sns.createEndpointsPerSecond(localFile.createEndpointsPerSecond());
        signingSecretArn = secrets.putSecret(SIGNING_SECRET_NAME,
                Json.write(Map.of("currentKeyId", "k1", "k1", SecretsManagerEmulator.random(48))));

        dynalite = dynaliteStart.join();
        closeables.add(dynalite);
        resources = new LocalResources(REGION, ACCOUNT_ID);
        HttpRoutes routes = new HttpRoutes();
        http = new LocalHttpServer(config.port(), routes, sns);
        closeables.add(http);
        oidc = LocalOidcIssuer.forBaseUrl(http.baseUrl());
        http.mount(LocalOidcIssuer.PATH, oidc);
        parameters = TemplateParameters.resolve(template, LocalParameterFile.fill(localFile.parameters(),
                placeholders()), config.parameterOverrides());
        Intrinsics intrinsics = new Intrinsics(template, this::ref, this::getAtt);

        // Tables go ahead while ElasticMQ (Pekko) is still starting: it is the slowest part.
        // The stack's own client (tables, test data) is left out of the hot-partition counts: only functions count.
        dynamoDb = AwsClients.configure(DynamoDbClient.builder(), Settings.of(baseSettings()), AwsClients.DYNAMODB_ENDPOINT)
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.putExecutionAttribute(PartitionMonitorInterceptor.UNMONITORED, true))
                .build();
        closeables.add(dynamoDb);
        CompletableFuture<Void> tables = CompletableFuture.runAsync(() -> resources.createTables(template, intrinsics,
                dynamoDb));

        elasticMq = sqsStart.join();
        int sqsPort = elasticMq.waitUntilStarted().localAddress().getPort();
        sqsEndpoint = URI.create("http://127.0.0.1:" + sqsPort);
        closeables.add(() -> elasticMq.stopAndWait());
        Settings admin = Settings.of(baseSettings());
        sqs = AwsClients.sqs(admin);
        snsClient = AwsClients.sns(admin);
        closeables.add(sqs);
        closeables.add(snsClient);
        resources.createQueues(template, intrinsics, sqs);
        http.endpoints(this::endpoints);
        tables.join();

        wireFunctions(intrinsics, routes);
        http.start();
        if (config.seed()) {
            seedDemoCatalog();
        }
        LOG.info("Local stack started", Map.of("baseUrl", baseUrl().toString(), "functions", functions.keySet(),
                "startMs", (System.nanoTime() - started) / 1_000_000));
    }

    /**
     * The demo tenant is loaded exactly as an operator loads a municipality into AWS: the catalog file through
     * the admin API, with the catalog loader (bearer token locally instead of SigV4).
     */
    private void seedDemoCatalog() {
        Path catalog = config.catalogDir().resolve("oslo.yaml");
        if (adminToken() == null) {
            throw new IllegalStateException("The demo catalog is loaded through the admin API, which needs "
                    + "ADMIN_AUTH=bearer and NABOLAG_ADMIN_TOKEN for PublisherFunction (the local parameter file); "
                    + "start with --no-seed (LocalStackConfig.withSeed(false)) without one");
        }
        var loader = new no.nabolag.catalogloader.CatalogLoader(new no.nabolag.catalogloader.AdminApiClient(baseUrl(),
                no.nabolag.catalogloader.RequestSigner.bearer(adminToken())),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            var file = no.nabolag.catalogloader.CatalogFileReader.read(catalog);
            for (var app : file.apps()) {
                holdPlatformApplication(app.apnsPlatformApplicationArn());
                holdPlatformApplication(app.fcmPlatformApplicationArn());
            }
            var plan = loader.load(file, false);
            LOG.info("Demo catalog loaded through the admin API", Map.of("file", catalog.toString(),
                    "created", plan.count(no.nabolag.catalogloader.CatalogPlan.Action.CREATE)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Could not load the demo catalog " + catalog, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading the demo catalog", e);
        }
    }

    private Map<String, String> baseSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("AWS_REGION", REGION);
        settings.put("AWS_DEFAULT_REGION", REGION);
        settings.put("AWS_ACCESS_KEY_ID", "local");
        settings.put("AWS_SECRET_ACCESS_KEY", "local");
        settings.put(AwsClients.DYNAMODB_ENDPOINT, dynalite.endpoint().toString());
        if (sqsEndpoint != null) {
            settings.put(AwsClients.SQS_ENDPOINT, sqsEndpoint.toString());
        }
        settings.put(AwsClients.SNS_ENDPOINT, sns.endpoint().toString());
        settings.put(AwsClients.SECRETS_ENDPOINT, secrets.endpoint().toString());
        return settings;
    }

    /**
     * The emulators' endpoints, for the AWS CLI or any SDK ({@code GET /_local/endpoints}): dynamodb, sqs, sns,
     * secretsmanager.
     */
    public Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("dynamodb", dynalite.endpoint().toString());
        endpoints.put("sqs", sqsEndpoint.toString());
        endpoints.put("sns", sns.endpoint().toString());
        endpoints.put("secretsmanager", secrets.endpoint().toString());
        return endpoints;
    }

    /** DynamoDB capacity units per partition key per second, as the functions consumed them in this JVM. */
    public PartitionMonitor partitionMonitor() {
        return PartitionMonitor.shared();
    }

    /** What {@code ${Local...}} stands for in the local parameter file. */
    private Map<String, String> placeholders() {
        return Map.of("LocalBaseUrl", baseUrl().toString());
    }

    private void wireFunctions(Intrinsics intrinsics, HttpRoutes routes) {
        List<String> declared = template.resourcesOfType("AWS::Serverless::Function");
        localFile.environment().keySet().stream().filter(id -> !declared.contains(id)).forEach(id ->
                LOG.info("The local parameter file sets variables of a function this template lacks", Map.of(
                        "function", id, "template", config.template().toString())));
        timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "schedules");
            t.setDaemon(true);
            return t;
        });
        for (String id : template.resourcesOfType("AWS::Serverless::Function")) {
            Map<String, String> settings = baseSettings();
            template.functionEnvironment(id).forEach((name, value) -> {
                String resolved = intrinsics.string(value);
                settings.put(name, resolved == null ? "" : resolved);
            });
            // The local parameter file's Environment (sam local --env-vars): what has no template parameter.
            settings.putAll(LocalParameterFile.fill(localFile.environment().getOrDefault(id, Map.of()), placeholders()));
            int timeout = Integer.parseInt(String.valueOf(intrinsics.string(
                    orDefault(template.functionProperty(id, "Timeout"), 3))));
            int memory = Integer.parseInt(String.valueOf(intrinsics.string(
                    orDefault(template.functionProperty(id, "MemorySize"), 128))));
            settings.put("AWS_LAMBDA_FUNCTION_NAME", id);
            settings.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memory));
            environments.put(id, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings)));
            String handler = intrinsics.string(template.functionProperty(id, "Handler"));
            LocalFunction function = new LocalFunction(id, handler, Settings.of(settings), timeout, memory,
                    "arn:aws:lambda:" + REGION + ":" + ACCOUNT_ID + ":function:" + id);
            functions.put(id, function);
            boolean available = function.available();
            if (available) {
                try {
                    function.initialize();
                } catch (RuntimeException | LinkageError e) {
                    LOG.error("Function init failed; retried on its next invocation", e, Map.of("function", id));
                }
            }
            template.events(id).forEach((name, event) -> {
                String type = String.valueOf(event.get("Type"));
                Map<String, Object> p = event.get("Properties") instanceof Map<?, ?> m ? TemplateModel.cast(m) : Map.of();
                switch (type) {
                    case "HttpApi" -> routes.add(p.containsKey("Method") ? intrinsics.string(p.get("Method")) : "ANY",
                            p.containsKey("Path") ? intrinsics.string(p.get("Path")) : "$default", function);
                    case "SQS" -> {
                        if (available) {
                            addSqsSource(function, p, intrinsics);
                        }
                    }
                    case "Schedule", "ScheduleV2" -> addSchedule(function, name, p, intrinsics);
                    default -> LOG.warn("Event type not emulated locally", Map.of("function", id, "event", name,
                            "type", type));
                }
            });
        }
    }

    private static Object orDefault(Object value, Object fallback) {
        return value == null ? fallback : value;
    }

    private void addSqsSource(LocalFunction function, Map<String, Object> p, Intrinsics intrinsics) {
        String queueArn = intrinsics.string(p.get("Queue"));
        String queueId = resources.queueIdByArn(queueArn);
        if (queueId == null) {
            LOG.warn("SQS event source names an unknown queue", Map.of("function", function.id(), "queue", queueArn));
            return;
        }
        int batchSize = p.containsKey("BatchSize") ? Integer.parseInt(intrinsics.string(p.get("BatchSize"))) : 10;
        boolean partial = TemplateModel.list(intrinsics.resolve(p.get("FunctionResponseTypes")))
                .contains("ReportBatchItemFailures");
        int concurrency = 2;
        if (p.get("ScalingConfig") instanceof Map<?, ?> scaling && scaling.get("MaximumConcurrency") != null) {
            concurrency = Integer.parseInt(intrinsics.string(scaling.get("MaximumConcurrency")));
        }
        concurrency = Math.max(1, Math.min(4, concurrency));
        SqsEventSource source = new SqsEventSource(function, sqs, resources.queueUrls().get(queueId), queueArn, REGION,
                batchSize, partial, concurrency, config.failedRetryDelay());
        eventSources.add(source);
        source.start();
    }

    private void addSchedule(LocalFunction function, String name, Map<String, Object> p, Intrinsics intrinsics) {
        String expression = String.valueOf(intrinsics.string(p.get("Schedule")));
        if (!config.schedules() || "false".equals(intrinsics.string(p.get("Enabled")))) {
            return;
        }
        Matcher rate = RATE.matcher(expression);
        if (!rate.matches()) {
            LOG.warn("Only rate() schedules fire locally; use runSchedule", Map.of("function", function.id(),
                    "schedule", expression));
            return;
        }
        long amount = Long.parseLong(rate.group(1));
        TimeUnit unit = rate.group(2).startsWith("minute") ? TimeUnit.MINUTES
                : rate.group(2).startsWith("hour") ? TimeUnit.HOURS : TimeUnit.DAYS;
        long periodMillis = unit.toMillis(amount);
        timers.scheduleAtFixedRate(() -> {
            try {
                if (function.available()) {
                    invokeSchedule(function);
                }
            } catch (RuntimeException | Error e) {
                LOG.error("Scheduled invocation failed", e, Map.of("function", function.id(), "event", name));
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void invokeSchedule(LocalFunction function) {
        function.initialize();
        ScheduledEvent event = new ScheduledEvent();
        event.setVersion("0");
        event.setId(UUID.randomUUID().toString());
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setAccount(ACCOUNT_ID);
        event.setRegion(REGION);
        event.setResources(List.of("arn:aws:events:" + REGION + ":" + ACCOUNT_ID + ":rule/" + function.id()));
        event.setDetail(new HashMap<>());
        event.setTime(new org.joda.time.DateTime(Instant.now().toEpochMilli(), org.joda.time.DateTimeZone.UTC));
        function.invoke(event, null);
    }

    /**
     * Makes the SNS emulator hold a platform application a seeded app names (as an operator creates it in SNS before
     * putting the app), when the ARN is in the emulator's region and account; other ARNs are left alone.
     */
    private void holdPlatformApplication(String arn) {
        String local = "arn:aws:sns:" + REGION + ":" + ACCOUNT_ID + ":app/";
        if (arn != null && arn.startsWith(local) && arn.indexOf('/', local.length()) > 0) {
            String[] platformAndName = arn.substring(local.length()).split("/", 2);
            sns.createPlatformApplication(platformAndName[1], platformAndName[0]);
        }
    }

    // ------------------------------------------------------------------ template resolution

    private String ref(String name) {
        switch (name) {
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT_ID;
            case "AWS::StackName":
                return "nabolag-local";
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NoValue":
                return null;
            default:
                break;
        }
        if (template.section("Parameters").containsKey(name)) {
            return parameter(name);
        }
        String type = template.typeOf(name).orElse("");
        return switch (type) {
            case "AWS::DynamoDB::Table" -> resources.tableNames().getOrDefault(name, name);
            case "AWS::SQS::Queue" -> resources.queueUrls().getOrDefault(name, name);
            case "AWS::SecretsManager::Secret" -> signingSecretArn;
            case "AWS::Serverless::HttpApi" -> "local";
            default -> name;
        };
    }

    /** The parameter's value for this deployment (see {@link TemplateParameters}). */
    private String parameter(String name) {
        return parameters.getOrDefault(name, "");
    }

    private String getAtt(String id, String attribute) {
        String type = template.typeOf(id).orElse("");
        if (type.equals("AWS::SQS::Queue")) {
            return switch (attribute) {
                case "Arn" -> resources.queueArn(id);
                case "QueueName" -> resources.queueName(id);
                case "QueueUrl" -> resources.queueUrls().get(id);
                default -> id + "." + attribute;
            };
        }
        if (type.equals("AWS::DynamoDB::Table") && attribute.equals("Arn")) {
            return resources.tableArn(id);
        }
        if (type.equals("AWS::SecretsManager::Secret")) {
            return signingSecretArn;
        }
        return id + "." + attribute;
    }

    // ------------------------------------------------------------------ the test API

    public URI baseUrl() {
        return http.baseUrl();
    }

    public LocalStackConfig config() {
        return config;
    }

    /** Exactly the settings the function gets locally. */
    public Settings settingsOf(String functionLogicalId) {
        LocalFunction function = functions.get(functionLogicalId);
        if (function == null) {
            throw new IllegalArgumentException("No function " + functionLogicalId + " in template.yaml");
        }
        return function.settings();
    }

    public Set<String> functionIds() {
        return functions.keySet();
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public SnsClient sns() {
        return snsClient;
    }

    public SnsEmulator snsEmulator() {
        return sns;
    }

    public String tableName(String logicalId) {
        String name = resources.tableNames().get(logicalId);
        if (name == null) {
            throw new IllegalArgumentException("No table " + logicalId + " in template.yaml");
        }
        return name;
    }

    public String queueUrl(String logicalId) {
        String url = resources.queueUrls().get(logicalId);
        if (url == null) {
            throw new IllegalArgumentException("No queue " + logicalId + " in template.yaml");
        }
        return url;
    }

    public String queueArn(String logicalId) {
        return resources.queueArn(logicalId);
    }

    /**
     * The bearer token of the local admin API (NABOLAG_ADMIN_TOKEN of PublisherFunction, from the local parameter
     * file), or null when the admin API is behind IAM as in AWS.
     */
    public String adminToken() {
        Map<String, String> publisher = environments.getOrDefault("PublisherFunction", Map.of());
        return "bearer".equals(publisher.get("ADMIN_AUTH")) ? publisher.get("NABOLAG_ADMIN_TOKEN") : null;
    }

    /** Every template parameter's value in this stack: defaults, then the local parameter file, then overrides. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** A function's whole environment, as a map (what a Lambda execution environment would have, plus endpoints). */
    public Map<String, String> environmentOf(String functionLogicalId) {
        Map<String, String> environment = environments.get(functionLogicalId);
        if (environment == null) {
            throw new IllegalArgumentException("No function " + functionLogicalId + " in template.yaml");
        }
        return environment;
    }

    public String signingSecretArn() {
        return signingSecretArn;
    }

    /** The ApnsPlatformApplicationArn parameter (the local parameter file names an app of the SNS emulator). */
    public String apnsPlatformApplicationArn() {
        return parameter("ApnsPlatformApplicationArn");
    }

    /** The FcmPlatformApplicationArn parameter. */
    public String fcmPlatformApplicationArn() {
        return parameter("FcmPlatformApplicationArn");
    }

    /** The local OpenID Connect issuer (at /_local/oidc) that the console signs in with locally. */
    public LocalOidcIssuer oidcIssuer() {
        return oidc;
    }

    public long dynalitePid() {
        return dynalite.pid();
    }

    /** Fires a scheduled function now, on the calling thread; its exception, if any, is rethrown. */
    public void runSchedule(String functionLogicalId) {
        LocalFunction function = functions.get(functionLogicalId);
        if (function == null) {
            throw new IllegalArgumentException("No function " + functionLogicalId + " in template.yaml");
        }
        invokeSchedule(function);
    }

    /**
     * Waits until the consumed queues have nothing visible or delayed, no received message is being processed,
     * and no handler is running. Messages that wait for their visibility timeout after a failed invocation do not
     * count (they come back later, as in AWS).
     */
    public void awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int idleChecks = 0;
        String busy = "";
        while (System.nanoTime() < deadline) {
            busy = busy();
            idleChecks = busy.isEmpty() ? idleChecks + 1 : 0;
            if (idleChecks >= 3) {
                return;
            }
            try {
                Thread.sleep(busy.isEmpty() ? 30 : 50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the stack to be idle");
            }
        }
        throw new IllegalStateException("Local stack not idle after " + timeout + ": " + busy);
    }

    private String busy() {
        StringBuilder busy = new StringBuilder();
        int running = LocalFunction.running();
        if (running > 0) {
            busy.append(running).append(" handler(s) running; ");
        }
        for (SqsEventSource source : eventSources) {
            Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(source.queueUrl()).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            int visible = Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
            int invisible = Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
            int delayed = Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "0"));
            int processing = invisible - source.waitingAfterFailure();
            if (visible > 0 || delayed > 0 || processing > 0 || source.inFlight() > 0) {
                busy.append(source.function().id()).append(": ").append(visible).append(" visible, ").append(delayed)
                        .append(" delayed, ").append(Math.max(0, processing)).append(" in flight; ");
            }
        }
        return busy.toString();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (timers != null) {
            timers.shutdownNow();
        }
        List<AutoCloseable> order = new ArrayList<>();
        if (http != null) {
            order.add(http);
        }
        order.addAll(eventSources);
        List<AutoCloseable> rest = new ArrayList<>(closeables);
        rest.remove(http);
        java.util.Collections.reverse(rest);
        order.addAll(rest);
        for (AutoCloseable closeable : order) {
            try {
                closeable.close();
            } catch (Exception | Error e) {
                LOG.warn("Error while stopping the local stack", Map.of("component",
                        closeable.getClass().getSimpleName(), "error", String.valueOf(e)));
            }
        }
        closeables.clear();
    }
}
