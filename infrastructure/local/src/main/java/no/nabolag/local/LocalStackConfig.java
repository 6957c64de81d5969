package no.nabolag.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to start a {@link LocalStack}.
 *
 * @param port             HTTP port on 127.0.0.1; 0 picks a free one
 * @param seed             whether to load the demo tenant (infrastructure/catalog/oslo.yaml)
 * @param repoRoot         the repository root (template.yaml, infrastructure/local/node_modules, infrastructure/catalog)
 * @param adminToken       the bearer token of the admin API locally
 * @param schedules        whether Schedule events fire on their timers ({@link LocalStack#runSchedule} works regardless)
 * @param failedRetryDelay when set, a message whose invocation failed comes back after this delay instead of the
 *                         queue's visibility timeout (AWS behaviour, the default, is null)
 */
public record LocalStackConfig(int port, boolean seed, Path repoRoot, String adminToken, boolean schedules,
                               Duration failedRetryDelay) {
    public static final String DEFAULT_ADMIN_TOKEN = "local-admin-token";

    /** Free port, seeded, repository found from NABOLAG_HOME / NABOLAG_TEMPLATE or the working directory. */
    public static LocalStackConfig defaults() {
        String token = System.getenv("NABOLAG_ADMIN_TOKEN");
        return new LocalStackConfig(0, true, findRepoRoot(), token == null || token.isBlank() ? DEFAULT_ADMIN_TOKEN : token,
                true, null);
    }

    public LocalStackConfig withPort(int newPort) {
        return new LocalStackConfig(newPort, seed, repoRoot, adminToken, schedules, failedRetryDelay);
    }

    public LocalStackConfig withSeed(boolean newSeed) {
        return new LocalStackConfig(port, newSeed, repoRoot, adminToken, schedules, failedRetryDelay);
    }

    public LocalStackConfig withRepoRoot(Path newRoot) {
        return new LocalStackConfig(port, seed, newRoot, adminToken, schedules, failedRetryDelay);
    }

    public LocalStackConfig withAdminToken(String newToken) {
        return new LocalStackConfig(port, seed, repoRoot, newToken, schedules, failedRetryDelay);
    }

    public LocalStackConfig withSchedules(boolean newSchedules) {
        return new LocalStackConfig(port, seed, repoRoot, adminToken, newSchedules, failedRetryDelay);
    }

    public LocalStackConfig withFailedRetryDelay(Duration delay) {
        return new LocalStackConfig(port, seed, repoRoot, adminToken, schedules, delay);
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
