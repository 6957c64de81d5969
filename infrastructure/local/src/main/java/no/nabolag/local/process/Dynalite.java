package no.nabolag.local.process;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nabolag.core.log.JsonLog;

/**
 * dynalite (DynamoDB emulator, npm) as a child process bound to 127.0.0.1, in memory.
 *
 * <p>Node is started with a tiny preload that exits when its stdin reaches EOF. Stdin is a pipe from this JVM, so the
 * child dies with the JVM however the JVM ends, even on SIGKILL, when no shutdown hook runs.
 */
public final class Dynalite implements AutoCloseable {
    private static final JsonLog LOG = JsonLog.forClass(Dynalite.class);
    private static final String PRELOAD = """
            // Exit when the parent JVM's pipe closes, so dynalite never outlives the local stack.
            process.stdin.on('end', () => process.exit(0));
            process.stdin.on('close', () => process.exit(0));
            process.stdin.on('error', () => process.exit(0));
            process.stdin.resume();
            """;

    private final Process process;
    private final OutputStream stdin;
    private final int port;

    private Dynalite(Process process, int port) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.port = port;
    }

    /** Starts dynalite from {@code <moduleDir>/node_modules} and waits until it accepts connections. */
    public static Dynalite start(Path moduleDir, Duration timeout) {
        Path cli = moduleDir.resolve("node_modules/dynalite/cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("dynalite is not installed in " + moduleDir
                    + "/node_modules; build the module first (mvn -B -DskipTests package -pl infrastructure/local -am)");
        }
        try {
            Path preload = Files.createTempFile("nabolag-exit-with-parent", ".js");
            Files.writeString(preload, PRELOAD, StandardCharsets.UTF_8);
            preload.toFile().deleteOnExit();
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(List.of("node", "-r", preload.toString(), cli.toString(),
                    "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"))
                    .directory(moduleDir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            Dynalite dynalite = new Dynalite(builder.start(), port);
            dynalite.awaitListening(timeout);
            LOG.info("dynalite started", Map.of("port", port, "pid", dynalite.process.pid()));
            return dynalite;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start dynalite (is node on the PATH?)", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public long pid() {
        return process.pid();
    }

    private void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dynalite exited with code " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        close();
        throw new IllegalStateException("dynalite did not listen on port " + port + " within " + timeout);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // the pipe is already gone
        }
        process.destroy();
        try {
            if (!process.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
