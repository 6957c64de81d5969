package no.nabolag.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Says clearly whether the LocalStack (Testcontainers) tests run: the Maven profile {@code localstack} is active
 * where {@code /var/run/docker.sock} exists and then compiles and runs {@code LocalStackContainerIT}.
 */
class LocalStackProfileIT {
    @Test
    void theLocalStackProfileRunsWhereDockerIsAvailable() {
        Assumptions.assumeTrue(Files.exists(Path.of("/var/run/docker.sock")),
                "No Docker engine (/var/run/docker.sock is missing): the LocalStack tests of the Maven profile "
                        + "'localstack' (LocalStackContainerIT) are skipped");

        assertThat(getClass().getClassLoader().getResource("no/nabolag/local/stack/LocalStackContainerIT.class"))
                .as("LocalStackContainerIT is compiled by the active localstack profile").isNotNull();
    }
}
