package no.nabolag.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run script's arguments, with {@code --parameter-overrides} as {@code sam deploy} takes it. */
class MainTest {
    private static final LocalStackConfig DEFAULTS = new LocalStackConfig(3000, true, Path.of("/repo"), true, null,
            Map.of(), Path.of("local-parameters.yaml"));

    @Test
    void parameterOverridesRunUntilTheNextOption() {
        LocalStackConfig config = Main.parse(new String[] {"--parameter-overrides", "PublicBaseUrl=", "Stage=test",
                "--no-seed"}, DEFAULTS, null);

        assertThat(config.parameterOverrides()).containsExactly(Map.entry("PublicBaseUrl", ""), Map.entry("Stage", "test"));
        assertThat(config.seed()).isFalse();
    }

    @Test
    void theEqualsFormAndTheCloudFormationFormWorkToo() {
        LocalStackConfig config = Main.parse(new String[] {"--parameter-overrides=Stage=prod AlarmEmail=",
                "--parameter-overrides", "ParameterKey=PushRatePerSecond,ParameterValue=50"}, DEFAULTS, null);

        assertThat(config.parameterOverrides()).containsExactly(Map.entry("Stage", "prod"), Map.entry("AlarmEmail", ""),
                Map.entry("PushRatePerSecond", "50"));
    }

    @Test
    void portFromTheEnvironmentThenTheArguments() {
        assertThat(Main.parse(new String[0], DEFAULTS, "0").port()).isZero();
        assertThat(Main.parse(new String[] {"--port", "8080"}, DEFAULTS, "0").port()).isEqualTo(8080);
    }

    @Test
    void withoutTheLocalFileNothingIsSeededUnlessAsked() {
        LocalStackConfig config = Main.parse(new String[] {"--no-local-parameters"}, DEFAULTS, null);

        assertThat(config.localParameters()).isNull();
        assertThat(config.seed()).isFalse();
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> Main.parse(new String[] {"--parameter-overrides"}, DEFAULTS, null))
                .hasMessageContaining("Key=Value");
        assertThatThrownBy(() -> Main.parse(new String[] {"--parameter-overrides", "--no-seed"}, DEFAULTS, null))
                .hasMessageContaining("Key=Value");
        assertThatThrownBy(() -> Main.parse(new String[] {"--verbose"}, DEFAULTS, null))
                .hasMessageContaining("Unknown argument --verbose");
        assertThat(Main.parse(new String[] {"--help"}, DEFAULTS, null)).isNull();
    }
}
