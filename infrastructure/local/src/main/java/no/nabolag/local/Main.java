package no.nabolag.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import no.nabolag.core.log.JsonLog;
import no.nabolag.local.template.ParameterOverrides;

/**
 * {@code infrastructure/local/run}: starts the local stack on 127.0.0.1:3000 ({@code PORT} or {@code --port N}
 * overrides; 0 picks a free port), seeded unless {@code --no-seed}, with template parameters from
 * infrastructure/local/local-parameters.yaml and {@code --parameter-overrides} (the syntax of {@code sam deploy}),
 * and stops it cleanly on Ctrl-C or SIGTERM.
 */
public final class Main {
    private static final JsonLog LOG = JsonLog.forClass(Main.class);
    static final String USAGE = """
            Usage: infrastructure/local/run [--no-seed] [--port N] [--no-schedules]
                                            [--parameter-overrides Key=Value [Key=Value ...]]
                                            [--local-parameters FILE | --no-local-parameters]

              --parameter-overrides  template parameters, as in `sam deploy`: Key=Value pairs (Key= is empty) or
                                     ParameterKey=Key,ParameterValue=Value; they win over the local parameter file.
                                     Example: --parameter-overrides PublicBaseUrl= PushRatePerSecond=50
              --local-parameters     another local parameter file (default infrastructure/local/local-parameters.yaml)
              --no-local-parameters  the template's defaults only, as a first deploy in AWS (implies --no-seed)
            """;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalStackConfig config;
        try {
            config = parse(args, LocalStackConfig.defaults().withPort(3000), System.getenv("PORT"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n\n" + USAGE);
            System.exit(2);
            return;
        }
        if (config == null) {
            System.out.print(USAGE);
            return;
        }
        LocalStack stack;
        try {
            stack = LocalStack.start(config);
        } catch (IllegalArgumentException e) {
            // A parameter CloudFormation would refuse: say which, without a stack trace.
            System.err.println("The local stack did not start: " + e.getMessage());
            System.exit(2);
            return;
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
        if (stack.adminToken() != null) {
            System.out.println("Admin API token (Authorization: Bearer ...): " + stack.adminToken());
        }
        System.out.println("Nabolag local stack ready on " + stack.baseUrl());
        System.out.flush();
        stopped.await();
    }

    /** The configuration the arguments ask for, or null for --help. */
    static LocalStackConfig parse(String[] args, LocalStackConfig defaults, String portVariable) {
        LocalStackConfig config = defaults;
        if (portVariable != null && !portVariable.isBlank()) {
            config = config.withPort(port(portVariable.trim()));
        }
        boolean seedAsked = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--parameter-overrides=")) {
                config = config.withParameterOverrides(ParameterOverrides.parse(
                        List.of(arg.substring("--parameter-overrides=".length()))));
                continue;
            }
            switch (arg) {
                case "--no-seed" -> config = config.withSeed(false);
                case "--seed" -> {
                    config = config.withSeed(true);
                    seedAsked = true;
                }
                case "--port" -> config = config.withPort(port(value(args, ++i, arg)));
                case "--no-schedules" -> config = config.withSchedules(false);
                case "--local-parameters" -> config = config.withLocalParameters(Path.of(value(args, ++i, arg))
                        .toAbsolutePath());
                case "--no-local-parameters" -> config = config.withoutLocalParameters();
                case "--parameter-overrides" -> {
                    List<String> values = new ArrayList<>();
                    while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        values.add(args[++i]);
                    }
                    if (values.isEmpty()) {
                        throw new IllegalArgumentException("--parameter-overrides needs Key=Value pairs");
                    }
                    config = config.withParameterOverrides(ParameterOverrides.parse(values));
                }
                case "-h", "--help" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("Unknown argument " + arg);
            }
        }
        if (config.localParameters() == null && !seedAsked) {
            // Without the local file the admin API is behind IAM, as in AWS: nothing can load the demo catalog.
            config = config.withSeed(false);
        }
        return config;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a port number: " + text);
        }
    }
}
