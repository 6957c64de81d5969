package no.nabolag.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The build rule behind "the LocalStack tests run where Docker is, and are left out (never failed) where it is not":
 * the Maven profile {@code localstack} is active exactly when {@code /var/run/docker.sock} exists, and only then
 * compiles {@code LocalStackContainerIT} (the module's default build excludes it, as its Testcontainers dependencies
 * are only on the profile's class path). This test holds on both kinds of machine, so it never skips: it fails if the
 * profile stops activating with Docker, or if the container test leaks into a build without it.
 */
class LocalStackProfileIT {
    private static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");

    @Test
    void theLocalStackContainerTestIsCompiledExactlyWhereDockerIsAvailable() {
        // Arrange
        boolean docker = Files.exists(DOCKER_SOCKET);

        // Act
        boolean compiled = getClass().getClassLoader()
                .getResource("no/nabolag/local/stack/LocalStackContainerIT.class") != null;

        // Assert
        assertThat(compiled)
                .as(docker ? "Docker is available, so the localstack profile must compile LocalStackContainerIT"
                        : "no Docker engine, so LocalStackContainerIT must be left out of the build")
                .isEqualTo(docker);
    }
}
