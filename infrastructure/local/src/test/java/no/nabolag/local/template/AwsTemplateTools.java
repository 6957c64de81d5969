package no.nabolag.local.template;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template tools AWS ships, run as processes: cfn-lint and the SAM translator (aws-sam-translator, the library
 * inside SAM CLI and cfn-lint). They are Python packages, not Maven artefacts, so a machine without them skips the
 * tests that need them (a JUnit assumption with a message saying what to install); it never fails them.
 */
final class AwsTemplateTools {
    static final long TIMEOUT_SECONDS = 180;
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    /** What a process wrote and how it ended. */
    record Run(int exitCode, String stdout, String stderr) {
    }

    private AwsTemplateTools() {
    }

    /**
     * The command that runs cfn-lint 1.x: the {@code cfn-lint} script on PATH, else the runner of the cfnlint package
     * through python3 ({@code python3 -m cfnlint} has no {@code __main__} in 1.x). Skips the test if neither works.
     */
    static List<String> cfnLint() {
        List<List<String>> candidates = List.of(List.of("cfn-lint"), List.of("python3", "-c",
                "import sys; from cfnlint.runner import main; sys.argv[0] = 'cfn-lint'; sys.exit(main())"));
        List<String> tried = new ArrayList<>();
        for (List<String> command : candidates) {
            List<String> version = new ArrayList<>(command);
            version.add("--version");
            Run run = tryRun(version, null);
            tried.add(String.join(" ", command.subList(0, 1)) + ": " + (run == null ? "not found"
                    : "exit " + run.exitCode() + " " + lastLine(run.stdout() + run.stderr())));
            if (run != null && run.exitCode() == 0) {
                Matcher matcher = VERSION.matcher(run.stdout() + run.stderr());
                assumeTrue(matcher.find() && Integer.parseInt(matcher.group(1)) >= 1,
                        "cfn-lint 1.x needed for the lint test, found: " + firstLine(run.stdout() + run.stderr())
                                + " (pip install 'cfn-lint>=1.0')");
                return command;
            }
        }
        assumeTrue(false, "cfn-lint is not installed, template lint skipped (pip install cfn-lint); tried " + tried);
        return List.of();
    }

    /** python3 if it runs and can import the module, else the test is skipped with the reason. */
    static void assumePythonModule(String module, String pipPackage) {
        Run run = tryRun(List.of("python3", "-c", "import " + module), null);
        assumeTrue(run != null, "python3 is not on PATH: test skipped (needs python3 with " + pipPackage + ")");
        assumeTrue(run.exitCode() == 0, "python3 cannot import " + module + ": test skipped (pip install "
                + pipPackage + "): " + lastLine(run.stderr()));
    }

    /** Runs a command to its end (or fails the test after the timeout). */
    static Run run(List<String> command, Path workingDirectory) {
        Run run = tryRun(command, workingDirectory);
        if (run == null) {
            throw new IllegalStateException("Cannot start " + command);
        }
        return run;
    }

    /** Runs a command; null if it cannot be started (not installed). */
    private static Run tryRun(List<String> command, Path workingDirectory) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullFile()));
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        // The translator needs a region; no credentials and no network are used by either tool.
        builder.environment().putIfAbsent("AWS_DEFAULT_REGION", "eu-west-1");
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return null;
        }
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Run(process.exitValue(), stdout.join(), stderr.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** The last line: the exception's message of a Python traceback. */
    static String lastLine(String text) {
        String trimmed = text.strip();
        return trimmed.substring(trimmed.lastIndexOf('\n') + 1);
    }

    static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }

    /**
     * A copy of template.yaml for the SAM translator, which (unlike sam build) only accepts S3 locations for code:
     * every {@code CodeUri: functions/...} becomes {@code CodeUri: s3://nabolag-template-test/functions/...}.
     */
    static Path templateWithS3CodeUris(Path template, Path directory) {
        try {
            String text = Files.readString(template, StandardCharsets.UTF_8);
            String rewritten = text.replaceAll("(?m)^(\\s+CodeUri:\\s*)(?!s3://)([^\\s#]+)",
                    "$1s3://nabolag-template-test/$2");
            Path copy = directory.resolve("template.yaml");
            Files.writeString(copy, rewritten, StandardCharsets.UTF_8);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
