package no.nabolag.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import no.nabolag.local.template.LocalParameterFile;

/**
 * How to start a {@link LocalStack}.
 *
 * @param port               HTTP port on 127.0.0.1; 0 picks a free one
 * @param seed               whether to load the demo tenant (infrastructure/catalog/oslo.yaml) through the admin API
 * @param repoRoot           the repository root (template.yaml, infrastructure/local/node_modules, infrastructure/catalog)
 * @param schedules          whether Schedule events fire on their timers ({@link LocalStack#runSchedule} works regardless)
 * @param failedRetryDelay   when set, a message whose invocation failed comes back after this delay instead of the
 *                           queue's visibility timeout (AWS behaviour, the default, is null)
 * @param parameterOverrides template parameters as {@code sam deploy --parameter-overrides} sets them; they win over
 *                           the local parameter file
 * @param localParameters    the local parameter file, relative to infrastructure/local (default
 *                           {@value LocalParameterFile#FILE}); null deploys the template's defaults as in AWS
 */
public record LocalStackConfig(int port, boolean seed, Path repoRoot, boolean schedules, Duration failedRetryDelay,
                               Map<String, String> parameterOverrides, Path localParameters) {
    public LocalStackConfig {
        parameterOverrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameterOverrides));
    }

    /** Free port, seeded, the local parameter file, repository found from NABOLAG_HOME / NABOLAG_TEMPLATE or the cwd. */
    public static LocalStackConfig defaults() {
        return new LocalStackConfig(0, true, findRepoRoot(), true, null, Map.of(), Path.of(LocalParameterFile.FILE));
    }

    public LocalStackConfig withPort(int newPort) {
        return new LocalStackConfig(newPort, seed, repoRoot, schedules, failedRetryDelay, parameterOverrides,
                localParameters);
    }

    public LocalStackConfig withSeed(boolean newSeed) {
        return new LocalStackConfig(port, newSeed, repoRoot, schedules, failedRetryDelay, parameterOverrides,
                localParameters);
    }

    public LocalStackConfig withRepoRoot(Path newRoot) {
        return new LocalStackConfig(port, seed, newRoot, schedules, failedRetryDelay, parameterOverrides,
                localParameters);
    }

    public LocalStackConfig withSchedules(boolean newSchedules) {
        return new LocalStackConfig(port, seed, repoRoot, newSchedules, failedRetryDelay, parameterOverrides,
                localParameters);
    }

    public LocalStackConfig withFailedRetryDelay(Duration delay) {
        return new LocalStackConfig(port, seed, repoRoot, schedules, delay, parameterOverrides, localParameters);
    }

    /** Adds {@code sam deploy --parameter-overrides} values (a later value for the same name wins). */
    public LocalStackConfig withParameterOverrides(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(parameterOverrides);
        merged.putAll(overrides);
        return new LocalStackConfig(port, seed, repoRoot, schedules, failedRetryDelay, merged, localParameters);
    }

    /** One template parameter, as {@code --parameter-overrides Name=Value}; an empty value is {@code Name=}. */
    public LocalStackConfig withParameter(String name, String value) {
        return withParameterOverrides(Map.of(name, value));
    }

    /** Another local parameter file (absolute, or relative to infrastructure/local). */
    public LocalStackConfig withLocalParameters(Path file) {
        return new LocalStackConfig(port, seed, repoRoot, schedules, failedRetryDelay, parameterOverrides, file);
    }

    /**
     * No local parameter file: every function gets the environment the template gives it in AWS for its default
     * parameters (no SNS platform applications, no local sign-in, the admin API behind IAM, so no seeding).
     */
    public LocalStackConfig withoutLocalParameters() {
        return new LocalStackConfig(port, seed, repoRoot, schedules, failedRetryDelay, parameterOverrides, null);
    }

    public Path template() {
        return repoRoot.resolve("template.yaml");
    }

    public Path moduleDir() {
        return repoRoot.resolve("infrastructure/local");
    }

    public Path catalogDir() {
        return repoRoot.resolve("infrastructure/catalog");
    }

    /** The local parameter file's contents, or none. */
    public LocalParameterFile localParameterFile() {
        return localParameters == null ? LocalParameterFile.none()
                : LocalParameterFile.load(moduleDir().resolve(localParameters));
    }

    static Path findRepoRoot() {
        String home = System.getenv("NABOLAG_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        String template = System.getenv("NABOLAG_TEMPLATE");
        if (template != null && !template.isBlank()) {
            return Path.of(template).toAbsolutePath().normalize().getParent();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("infrastructure/local"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the repository root (template.yaml); set NABOLAG_HOME");
    }
}
