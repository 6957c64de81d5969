package no.nabolag.local.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import no.nabolag.core.json.Json;

/**
 * A tiny Secrets Manager (AWS JSON 1.1 protocol) serving GetSecretValue for the secrets the local stack puts in it,
 * such as the signing keys {@code {"currentKeyId":"k1","k1":"<random>"}}. Hand-rolled because one action is all
 * the functions use, and no open-source emulator is installable here without Docker.
 */
public final class SecretsManagerEmulator implements AutoCloseable {
    static {
        // The JDK server writes headers and body separately; with Nagle on, the client's delayed ACK adds ~40 ms
        // to every keep-alive request. Read once, when the first HttpServer of the JVM is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String region;
    private final String accountId;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Secret> secretsByArn = new ConcurrentHashMap<>();

    private SecretsManagerEmulator(String region, String accountId) throws IOException {
        this.region = region;
        this.accountId = accountId;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "secrets-emulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static SecretsManagerEmulator start(String region, String accountId) {
        try {
            return new SecretsManagerEmulator(region, accountId);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the Secrets Manager emulator", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Stores (or replaces) a secret by name and returns its ARN. */
    public String putSecret(String name, String value) {
        Secret existing = secretsByArn.values().stream().filter(s -> s.name.equals(name)).findFirst().orElse(null);
        String arn = existing != null ? existing.arn
                : "arn:aws:secretsmanager:" + region + ":" + accountId + ":secret:" + name + "-" + random(6);
        secretsByArn.put(arn, new Secret(arn, name, value, UUID.randomUUID().toString(), Instant.now()));
        return arn;
    }

    /** A random alphanumeric string, as GenerateSecretString with ExcludePunctuation makes. */
    public static String random(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return s.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        int status = 200;
        Object reply;
        try (InputStream in = exchange.getRequestBody()) {
            JsonNode request = Json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!target.equals("secretsmanager.GetSecretValue")) {
                status = 400;
                reply = error("UnknownOperationException", "Operation " + target + " is not supported locally");
            } else {
                Secret secret = find(request.path("SecretId").asText(""));
                if (secret == null) {
                    status = 400;
                    reply = error("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
                } else {
                    Map<String, Object> value = new LinkedHashMap<>();
                    value.put("ARN", secret.arn);
                    value.put("Name", secret.name);
                    value.put("VersionId", secret.versionId);
                    value.put("SecretString", secret.value);
                    value.put("VersionStages", List.of("AWSCURRENT"));
                    value.put("CreatedDate", secret.created.getEpochSecond());
                    reply = value;
                }
            }
        } catch (IOException | RuntimeException e) {
            status = 400;
            reply = error("InvalidRequestException", "Malformed request");
        }
        byte[] bytes = Json.write(reply).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Secret find(String id) {
        Secret byArn = secretsByArn.get(id);
        if (byArn != null) {
            return byArn;
        }
        return secretsByArn.values().stream().filter(s -> s.name.equals(id)).findFirst().orElse(null);
    }

    private static Map<String, String> error(String type, String message) {
        return Map.of("__type", type, "message", message);
    }

    private record Secret(String arn, String name, String value, String versionId, Instant created) {
    }
}
