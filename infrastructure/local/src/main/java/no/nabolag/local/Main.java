package no.nabolag.local;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import no.nabolag.core.log.JsonLog;

/**
 * {@code infrastructure/local/run}: starts the local stack on 127.0.0.1:3000 ({@code PORT} or {@code --port N}
 * overrides; 0 picks a free port), seeded unless {@code --no-seed}, and stops it cleanly on Ctrl-C or SIGTERM.
 */
public final class Main {
    private static final JsonLog LOG = JsonLog.forClass(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalStackConfig config = LocalStackConfig.defaults().withPort(3000);
        String port = System.getenv("PORT");
        if (port != null && !port.isBlank()) {
            config = config.withPort(Integer.parseInt(port.trim()));
        }
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--no-seed" -> config = config.withSeed(false);
                case "--seed" -> config = config.withSeed(true);
                case "--port" -> config = config.withPort(Integer.parseInt(args[++i]));
                case "--no-schedules" -> config = config.withSchedules(false);
                case "-h", "--help" -> {
                    System.out.println("Usage: infrastructure/local/run [--no-seed] [--port N] [--no-schedules]");
                    return;
                }
                default -> {
                    System.err.println("Unknown argument " + args[i] + "; try --help");
                    System.exit(2);
                }
            }
        }
        LocalStack stack;
        try {
            stack = LocalStack.start(config);
        } catch (RuntimeException e) {
            LOG.error("The local stack failed to start", e, Map.of());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        System.out.println("Admin API token (Authorization: Bearer ...): " + stack.adminToken());
        System.out.println("Nabolag local stack ready on " + stack.baseUrl());
        System.out.flush();
        stopped.await();
    }
}
