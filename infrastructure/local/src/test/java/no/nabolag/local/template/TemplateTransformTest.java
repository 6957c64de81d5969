package no.nabolag.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What CloudFormation really receives: template.yaml after the SAM transform (aws-sam-translator, the library inside
 * SAM CLI; run through python3, skipped with a message where it is not installed). Every way a function is invoked
 * (SQS event source mappings, API Gateway integrations, Lambda permissions, EventBridge targets) goes through the
 * {@code live} alias, so each invocation runs a published version and its SnapStart snapshot, never $LATEST; and
 * every function logs to a log group of the template that has a retention.
 */
class TemplateTransformTest {
    static final String ALIAS = "live";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}.]*)(?:\\.[^}]*)?}");

    private static JsonNode resources;
    private static String translatorVersion;

    @BeforeAll
    static void transform(@TempDir Path directory) throws IOException {
        AwsTemplateTools.assumePythonModule("samtranslator", "aws-sam-translator");
        Template template = Template.load();
        Path script = directory.resolve("sam_transform.py");
        try (InputStream in = TemplateTransformTest.class.getResourceAsStream("/template/sam_transform.py")) {
            Files.copy(in, script);
        }
        Path copy = AwsTemplateTools.templateWithS3CodeUris(template.root.resolve("template.yaml"), directory);

        AwsTemplateTools.Run run = AwsTemplateTools.run(List.of("python3", script.toString(), copy.toString()), directory);

        assertThat(run.exitCode()).as("SAM translator: " + run.stdout() + run.stderr()).isZero();
        JsonNode output = new ObjectMapper().readTree(run.stdout());
        translatorVersion = output.path("translatorVersion").asText();
        resources = output.path("template").path("Resources");
    }

    @Test
    void theTransformYieldsAFunctionVersionAndALiveAliasPerFunction() {
        int functions = Template.load().functions().size();
        assertThat(ofType("AWS::Lambda::Function")).as("functions (translator " + translatorVersion + ")").hasSize(functions);
        assertThat(ofType("AWS::Lambda::Version")).hasSize(functions);
        assertThat(liveAliases()).as("live aliases by logical id -> function").hasSize(functions);
    }

    @Test
    void everyEventSourceMappingInvokesTheLiveAlias() {
        Map<String, JsonNode> mappings = ofType("AWS::Lambda::EventSourceMapping");
        int sqsEvents = Template.load().functions().stream()
                .mapToInt(f -> Template.load().events(f, "SQS").size()).sum();
        assertThat(mappings).as("one event source mapping per SQS event").hasSize(sqsEvents);
        mappings.forEach((id, mapping) -> assertThat(refTarget(mapping.path("Properties").path("FunctionName")))
                .as(id + " FunctionName").isIn(liveAliases().keySet()));
    }

    @Test
    void everyLambdaPermissionIsForTheLiveAlias() {
        Map<String, JsonNode> permissions = ofType("AWS::Lambda::Permission");
        assertThat(permissions).isNotEmpty();
        permissions.forEach((id, permission) -> assertThat(refTarget(permission.path("Properties").path("FunctionName")))
                .as(id + " FunctionName").isIn(liveAliases().keySet()));
    }

    @Test
    void everyApiIntegrationInvokesTheLiveAlias() {
        List<String> integrations = new ArrayList<>();
        ofType("AWS::ApiGatewayV2::Api").forEach((id, api) -> api.path("Properties").path("Body").path("paths")
                .fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
                    JsonNode integration = operation.getValue().path("x-amazon-apigateway-integration");
                    if (!integration.isMissingNode()) {
                        integrations.add(id + " " + operation.getKey().toUpperCase() + " " + path.getKey());
                        assertThat(lambdaTargets(integration.path("uri")))
                                .as(operation.getKey() + " " + path.getKey() + " integration uri " + integration.path("uri"))
                                .isNotEmpty().allMatch(liveAliases()::containsKey);
                    }
                })));
        ofType("AWS::ApiGatewayV2::Integration").forEach((id, integration) -> {
            integrations.add(id);
            assertThat(lambdaTargets(integration.path("Properties").path("IntegrationUri"))).as(id)
                    .isNotEmpty().allMatch(liveAliases()::containsKey);
        });
        assertThat(integrations).as("API integrations").isNotEmpty();
    }

    @Test
    void everyScheduledTargetIsTheLiveAlias() {
        Map<String, JsonNode> rules = ofType("AWS::Events::Rule");
        rules.forEach((id, rule) -> rule.path("Properties").path("Targets").forEach(target ->
                assertThat(refTarget(target.path("Arn"))).as(id + " target").isIn(liveAliases().keySet())));
        ofType("AWS::Scheduler::Schedule").forEach((id, schedule) ->
                assertThat(refTarget(schedule.path("Properties").path("Target").path("Arn"))).as(id + " target")
                        .isIn(liveAliases().keySet()));
        assertThat(rules.size() + ofType("AWS::Scheduler::Schedule").size()).as("schedules").isPositive();
    }

    @Test
    void everyFunctionLogsToATemplateLogGroupWithARetention() {
        ofType("AWS::Lambda::Function").forEach((id, function) -> {
            String logGroup = refTarget(function.path("Properties").path("LoggingConfig").path("LogGroup"));
            assertThat(logGroup).as(id + " LoggingConfig.LogGroup").isNotNull();
            JsonNode group = resources.path(logGroup);
            assertThat(group.path("Type").asText()).as(logGroup).isEqualTo("AWS::Logs::LogGroup");
            assertThat(group.path("Properties").has("RetentionInDays")).as(logGroup + " RetentionInDays").isTrue();
        });
    }

    /** The live aliases of the transformed template: logical id -> the function's logical id. */
    private static Map<String, String> liveAliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        ofType("AWS::Lambda::Alias").forEach((id, alias) -> {
            if (ALIAS.equals(alias.path("Properties").path("Name").asText())) {
                aliases.put(id, refTarget(alias.path("Properties").path("FunctionName")));
            }
        });
        return aliases;
    }

    private static Map<String, JsonNode> ofType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        resources.fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    private static String refTarget(JsonNode value) {
        return value.path("Ref").isTextual() ? value.path("Ref").asText() : null;
    }

    /**
     * The resources an integration URI names: {@code Fn::Sub "...functions/${XAliaslive}/invocations"} gives
     * XAliaslive, a Ref or GetAtt gives its target. A literal ARN or a function's own Arn would not be an alias.
     */
    private static Set<String> lambdaTargets(JsonNode uri) {
        Set<String> targets = new TreeSet<>();
        if (refTarget(uri) != null) {
            targets.add(refTarget(uri));
        } else if (uri.has("Fn::GetAtt")) {
            targets.add(uri.path("Fn::GetAtt").path(0).asText() + "." + uri.path("Fn::GetAtt").path(1).asText());
        } else if (uri.has("Fn::Sub")) {
            JsonNode sub = uri.path("Fn::Sub");
            String text = sub.isTextual() ? sub.asText() : sub.path(0).asText();
            Matcher matcher = SUB_VARIABLE.matcher(text);
            while (matcher.find()) {
                String name = matcher.group(1);
                if (!name.startsWith("AWS::")) {
                    targets.add(matcher.group(0).contains(".") ? matcher.group(0) : name);
                }
            }
        } else {
            targets.add(uri.toString());
        }
        return targets;
    }
}
