package no.nabolag.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * template.yaml passes cfn-lint, the linter AWS ships (it runs the SAM transform first and checks the result against
 * the CloudFormation resource schemas of the regions we recommend): no errors, no warnings, and no informational
 * finding except the ones listed in {@link #ALLOWED} with the reason we keep them (also in docs/operator-guide.md,
 * "Template checks"). Skipped, with a message, where cfn-lint 1.x is not installed.
 */
class TemplateLintTest {
    /**
     * Regions cfn-lint checks resource types and values in: the one docs/operator-guide.md recommends and a 300/s
     * region (each region adds seconds to the run; add yours when you deploy elsewhere).
     */
    static final List<String> REGIONS = List.of("eu-west-1", "eu-north-1");

    /** An informational finding we keep on purpose: rule id, resource path prefix, and why. */
    record Allowed(String rule, String pathPrefix, String reason) {
        boolean matches(JsonNode finding) {
            return rule.equals(finding.path("Rule").path("Id").asText()) && path(finding).startsWith(pathPrefix);
        }
    }

    /**
     * Informational findings kept on purpose. Empty: every one cfn-lint 1.51 reports on this template was fixed
     * (I3011: every stateful resource states DeletionPolicy and UpdateReplacePolicy; I3013: every queue states its
     * MessageRetentionPeriod). Add an entry only with a reason an operator can read, and the same line in the guide.
     */
    static final List<Allowed> ALLOWED = List.of();

    @Test
    void cfnLintFindsNoErrorsNoWarningsAndOnlyAllowedInformationalFindings() throws Exception {
        List<String> command = new ArrayList<>(AwsTemplateTools.cfnLint());
        Template template = Template.load();
        command.addAll(List.of("--format", "json", "--include-checks", "I", "--include-experimental", "--regions"));
        command.addAll(REGIONS);
        command.add("--");
        command.add(template.root.resolve("template.yaml").toString());

        AwsTemplateTools.Run run = AwsTemplateTools.run(command, template.root);

        // cfn-lint's exit code is a bit mask of the levels found (2 error, 4 warning, 8 informational); 1 = it crashed.
        assertThat(run.exitCode() & 1).as("cfn-lint ran: " + run.stderr()).isZero();
        JsonNode findings = new ObjectMapper().readTree(run.stdout());
        assertThat(findings.isArray()).as("cfn-lint JSON output: " + run.stdout() + run.stderr()).isTrue();
        List<String> errorsAndWarnings = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<Allowed> used = new ArrayList<>();
        for (JsonNode finding : findings) {
            String level = finding.path("Level").asText();
            if (!level.equals("Informational")) {
                errorsAndWarnings.add(describe(finding));
                continue;
            }
            ALLOWED.stream().filter(a -> a.matches(finding)).findFirst()
                    .ifPresentOrElse(used::add, () -> unexpected.add(describe(finding)));
        }
        assertThat(errorsAndWarnings).as("cfn-lint errors and warnings").isEmpty();
        assertThat(unexpected).as("informational findings: fix them, or add them to ALLOWED with a reason").isEmpty();
        assertThat(used).as("every ALLOWED entry still matches a finding (remove stale ones)")
                .containsAll(ALLOWED);
    }

    private static String path(JsonNode finding) {
        List<String> parts = new ArrayList<>();
        finding.path("Location").path("Path").forEach(p -> parts.add(p.asText()));
        return String.join("/", parts);
    }

    private static String describe(JsonNode finding) {
        return finding.path("Rule").path("Id").asText() + " " + finding.path("Level").asText() + " at " + path(finding)
                + " (line " + finding.path("Location").path("Start").path("LineNumber").asText() + "): "
                + finding.path("Message").asText();
    }
}
