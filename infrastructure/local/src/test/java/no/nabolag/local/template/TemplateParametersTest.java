package no.nabolag.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameter values for a deployment of the real template.yaml, checked as CloudFormation checks them. */
class TemplateParametersTest {
    private final TemplateModel template = TemplateModel.load(Template.repositoryRoot().resolve("template.yaml"));
    private final LocalParameterFile localFile = LocalParameterFile.load(Template.repositoryRoot()
            .resolve("infrastructure/local").resolve(LocalParameterFile.FILE));

    @Test
    void withoutFileOrOverridesEveryParameterHasItsDefault() {
        Map<String, String> values = TemplateParameters.resolve(template, Map.of(), Map.of());

        assertThat(values).containsEntry("PublicBaseUrl", "").containsEntry("ApnsPlatformApplicationArn", "")
                .containsEntry("Stage", "dev").containsEntry("PushRatePerSecond", "300");
        assertThat(values).containsOnlyKeys(template.section("Parameters").keySet());
    }

    @Test
    void theLocalFileSetsParametersAndOverridesWinOverIt() {
        Map<String, String> file = LocalParameterFile.fill(localFile.parameters(),
                Map.of("LocalBaseUrl", "http://127.0.0.1:3000"));

        Map<String, String> local = TemplateParameters.resolve(template, file, Map.of());
        Map<String, String> firstDeploy = TemplateParameters.resolve(template, file, Map.of("PublicBaseUrl", ""));

        assertThat(local).containsEntry("PublicBaseUrl", "http://127.0.0.1:3000")
                .containsEntry("FcmPlatformApplicationArn", "arn:aws:sns:eu-north-1:000000000000:app/GCM/nabolag-fcm");
        assertThat(firstDeploy).containsEntry("PublicBaseUrl", "");
    }

    @Test
    void overridesCloudFormationWouldRefuseFailTheStart() {
        assertThatThrownBy(() -> TemplateParameters.resolve(template, Map.of(), Map.of("NoSuchParameter", "x")))
                .hasMessageContaining("[NoSuchParameter] do not exist in the template");
        assertThatThrownBy(() -> TemplateParameters.resolve(template, Map.of(), Map.of("Stage", "staging")))
                .hasMessageContaining("'Stage' must be one of AllowedValues");
        assertThatThrownBy(() -> TemplateParameters.resolve(template, Map.of(), Map.of("DeliveryConcurrency", "1")))
                .hasMessageContaining("not less than 2");
        assertThatThrownBy(() -> TemplateParameters.resolve(template, Map.of(), Map.of("AudienceShards", "many")))
                .hasMessageContaining("must be a number");
        assertThatThrownBy(() -> TemplateParameters.resolve(template, Map.of(),
                Map.of("PublicBaseUrl", "http://nabolag.example.no"))).hasMessageContaining("must match pattern");
    }

    @Test
    void theLocalFilesPlainHttpBaseUrlIsExemptFromTheHttpsPattern() {
        assertThat(TemplateParameters.resolve(template, Map.of("PublicBaseUrl", "http://127.0.0.1:3000"), Map.of()))
                .containsEntry("PublicBaseUrl", "http://127.0.0.1:3000");
    }

    @Test
    void anUnknownPlaceholderIsAnErrorNotLeftInAValue() {
        assertThatThrownBy(() -> LocalParameterFile.fill("${LocalNothing}/x", Map.of("LocalBaseUrl", "http://h")))
                .hasMessageContaining("${LocalNothing}");
    }
}
