package no.nabolag.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nabolag.local.LocalStackConfig;
import org.junit.jupiter.api.Test;

/**
 * {@code infrastructure/local/run} as a person runs it, here as a first deploy ({@code --parameter-overrides
 * PublicBaseUrl=}): ready line, serving, the console saying what to set, and a clean stop on SIGTERM.
 */
class RunScriptIT {
    private static final Pattern READY = Pattern.compile("Nabolag local stack ready on (http://127\\.0\\.0\\.1:(\\d+))");

    @Test
    void startsPrintsTheReadyLineServesAndStopsCleanlyOnSigterm() throws Exception {
        Path root = LocalStackConfig.defaults().repoRoot();
        ProcessBuilder builder = new ProcessBuilder(root.resolve("infrastructure/local/run").toString(), "--no-seed",
                "--parameter-overrides", "PublicBaseUrl=", "PushRatePerSecond=50")
                .directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("PORT", "0");
        Process process = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        ready.complete(m.group(1));
                    }
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
            ready.completeExceptionally(new IllegalStateException("run ended before ready: " + output));
        });
        reader.setDaemon(true);
        reader.start();
        try {
            // Arrange: started and ready
            String baseUrl = ready.get(5, TimeUnit.MINUTES);
            List<ProcessHandle> processes = new java.util.ArrayList<>(process.descendants().toList());
            processes.add(process.toHandle());

            // Act: it serves, then gets SIGTERM
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create(baseUrl + "/_local/health")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> tenants = http.send(HttpRequest.newBuilder(
                    URI.create(baseUrl + "/v1/tenants")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> console = http.send(HttpRequest.newBuilder(
                    URI.create(baseUrl + "/console")).build(), HttpResponse.BodyHandlers.ofString());
            process.destroy();
            boolean exited = process.waitFor(30, TimeUnit.SECONDS);

            // Assert
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(tenants.statusCode()).isEqualTo(200);
            assertThat(console.statusCode()).isEqualTo(503);
            assertThat(console.body()).contains("PublicBaseUrl");
            assertThat(output).as("the token of the local parameter file")
                    .anyMatch(line -> line.contains("Bearer ...): local-admin-token"));
            assertThat(processes).as("the JVM and dynalite").hasSizeGreaterThanOrEqualTo(2);
            assertThat(exited).isTrue();
            for (ProcessHandle handle : processes) {
                handle.onExit().get(10, TimeUnit.SECONDS);
                assertThat(handle.isAlive()).as("process " + handle.pid() + " left behind").isFalse();
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
