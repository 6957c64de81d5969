package no.nabolag.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --parameter-overrides} reads exactly what {@code sam deploy --parameter-overrides} reads. */
class ParameterOverridesTest {
    @Test
    void keyValuePairsAsSeparateArguments() {
        assertThat(ParameterOverrides.parse(List.of("PublicBaseUrl=https://x.example.no", "Stage=prod")))
                .containsExactly(Map.entry("PublicBaseUrl", "https://x.example.no"), Map.entry("Stage", "prod"));
    }

    @Test
    void keyWithNothingAfterTheEqualsSignIsEmpty() {
        assertThat(ParameterOverrides.parse(List.of("PublicBaseUrl="))).containsExactly(Map.entry("PublicBaseUrl", ""));
    }

    @Test
    void severalPairsInOneArgumentAsInSamconfigToml() {
        assertThat(ParameterOverrides.parse(List.of("Stage=test AlarmEmail=\"ops@example.no\"  PushRatePerSecond=50")))
                .containsExactly(Map.entry("Stage", "test"), Map.entry("AlarmEmail", "ops@example.no"),
                        Map.entry("PushRatePerSecond", "50"));
    }

    @Test
    void quotedValuesKeepSpacesAndEqualsSigns() {
        assertThat(ParameterOverrides.parse(List.of("WebViewOrigins=\"https://a.no,https://b.no\" X=\"a b=c\"")))
                .containsEntry("WebViewOrigins", "https://a.no,https://b.no").containsEntry("X", "a b=c");
    }

    @Test
    void cloudFormationsParameterKeyParameterValueForm() {
        assertThat(ParameterOverrides.parse(List.of("ParameterKey=Stage,ParameterValue=prod",
                "ParameterKey=PublicBaseUrl,ParameterValue=")))
                .containsExactly(Map.entry("Stage", "prod"), Map.entry("PublicBaseUrl", ""));
    }

    @Test
    void theLastValueForANameWins() {
        assertThat(ParameterOverrides.parse(List.of("Stage=dev", "Stage=prod"))).containsExactly(Map.entry("Stage", "prod"));
    }

    @Test
    void somethingThatIsNoPairIsRefused() {
        assertThatThrownBy(() -> ParameterOverrides.parse(List.of("PublicBaseUrl"))).hasMessageContaining("Key=Value");
        assertThatThrownBy(() -> ParameterOverrides.parse(List.of("=x"))).hasMessageContaining("Key=Value");
        assertThatThrownBy(() -> ParameterOverrides.parse(List.of("Stage=\"prod"))).hasMessageContaining("quote");
    }
}
