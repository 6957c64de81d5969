package no.nabolag.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every CloudFormation (non-SAM) resource in template.yaml uses only property names, nested property names and
 * {@code Fn::GetAtt} attributes that the CloudFormation resource specification knows, and sets its required
 * properties. SAM resources are checked against the property names in SAM's documentation instead.
 */
class TemplateResourceSpecTest {
    private final Template template = Template.load();
    private final ResourceSpec spec = ResourceSpec.load(template.root);

    // From the SAM developer guide (AWS::Serverless::Function, AWS::Serverless::HttpApi); the spec lags SAM.
    private static final Set<String> SAM_FUNCTION = Set.of("Architectures", "AssumeRolePolicyDocument",
            "AutoPublishAlias", "AutoPublishAliasAllProperties", "AutoPublishCodeSha256", "CodeSigningConfigArn",
            "CodeUri", "DeadLetterQueue", "DeploymentPreference", "Description", "Environment", "EphemeralStorage",
            "EventInvokeConfig", "Events", "FileSystemConfigs", "FunctionName", "FunctionUrlConfig", "Handler",
            "ImageConfig", "ImageUri", "InlineCode", "KmsKeyArn", "Layers", "LoggingConfig", "MemorySize",
            "PackageType", "PermissionsBoundary", "Policies", "PropagateTags", "ProvisionedConcurrencyConfig",
            "RecursiveLoop", "ReservedConcurrentExecutions", "Role", "RolePath", "Runtime", "RuntimeManagementConfig",
            "SnapStart", "SourceKMSKeyArn", "Tags", "Timeout", "Tracing", "VersionDescription", "VpcConfig");
    private static final Set<String> SAM_HTTP_API = Set.of("AccessLogSettings", "Auth", "CorsConfiguration",
            "DefaultRouteSettings", "DefinitionBody", "DefinitionUri", "Description", "DisableExecuteApiEndpoint",
            "Domain", "FailOnWarnings", "Name", "PropagateTags", "RouteSettings", "StageName", "StageVariables", "Tags");
    private static final Map<String, Set<String>> SAM_EVENTS = Map.of(
            "HttpApi", Set.of("ApiId", "Auth", "Method", "Path", "PayloadFormatVersion", "RouteSettings", "TimeoutInMillis"),
            "SQS", Set.of("BatchSize", "Enabled", "FilterCriteria", "FunctionResponseTypes", "KmsKeyArn",
                    "MaximumBatchingWindowInSeconds", "MetricsConfig", "Queue", "ScalingConfig"),
            "Schedule", Set.of("DeadLetterConfig", "Description", "Enabled", "Input", "Name", "RetryPolicy",
                    "Schedule", "State"));

    @Test
    void cloudFormationResourcesUseOnlyPropertiesTheSpecificationKnows() {
        List<String> problems = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            String type = Template.type(resource);
            if (type.startsWith("AWS::Serverless::")) {
                return;
            }
            JsonNode entry = spec.resource(type);
            if (entry == null) {
                problems.add(id + ": unknown resource type " + type);
                return;
            }
            checkProperties(id, entry.path("properties"), Template.properties(resource), problems);
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void getAttNamesAnAttributeOfTheResourceType() {
        List<String> problems = new ArrayList<>();
        Template.walkIntrinsics("", template.document, (path, intrinsic) -> {
            String target = Template.getAttTarget(intrinsic);
            if (target == null) {
                return;
            }
            List<Object> parts = Template.list(intrinsic.get("Fn::GetAtt"));
            String attribute = parts.size() > 1 ? String.valueOf(parts.get(1)) : "";
            checkAttribute(path, target, attribute, problems);
        });
        Template.walkIntrinsics("", template.document, (path, intrinsic) -> {
            Object sub = intrinsic.get("Fn::Sub");
            String text = sub instanceof String s ? s : sub instanceof List<?> l ? String.valueOf(l.get(0)) : null;
            if (text != null) {
                Template.subVariables(text).stream().filter(v -> v.contains(".")).forEach(v ->
                        checkAttribute(path, v.substring(0, v.indexOf('.')), v.substring(v.indexOf('.') + 1), problems));
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void samResourcesUseOnlyPropertiesSamDocuments() {
        List<String> problems = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            String type = Template.type(resource);
            Set<String> known = switch (type) {
                case "AWS::Serverless::Function" -> SAM_FUNCTION;
                case "AWS::Serverless::HttpApi" -> SAM_HTTP_API;
                default -> null;
            };
            if (known == null) {
                if (type.startsWith("AWS::Serverless::")) {
                    problems.add(id + ": SAM type " + type + " is not covered by this test; add its properties");
                }
                return;
            }
            Template.properties(resource).keySet().stream().filter(p -> !known.contains(p))
                    .forEach(p -> problems.add(id + ": unknown " + type + " property " + p));
            Template.map(Template.properties(resource).get("Events")).forEach((name, event) -> {
                String eventType = String.valueOf(Template.map(event).get("Type"));
                Set<String> eventProperties = SAM_EVENTS.get(eventType);
                if (eventProperties == null) {
                    problems.add(id + "." + name + ": event type " + eventType + " is not covered by this test");
                    return;
                }
                Template.properties(event).keySet().stream().filter(p -> !eventProperties.contains(p))
                        .forEach(p -> problems.add(id + "." + name + ": unknown " + eventType + " event property " + p));
            });
        });
        Template.map(template.section("Globals").get("Function")).keySet().stream()
                .filter(p -> !SAM_FUNCTION.contains(p))
                .forEach(p -> problems.add("Globals.Function: unknown property " + p));
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckFindsAMisspelledNestedPropertyAndAMissingRequiredOne() {
        List<String> problems = new ArrayList<>();
        JsonNode table = spec.resource("AWS::DynamoDB::Table").path("properties");
        checkProperties("T", table, Map.of("KeySchema", List.of(Map.of("AttributeName", "pk", "Keytype", "HASH")),
                "SSESpecification", Map.of("SSEEnabled", true)), problems);
        assertThat(problems).contains("T.KeySchema[0]: unknown property Keytype",
                "T.KeySchema[0]: missing required property KeyType");
    }

    private void checkAttribute(String path, String target, String attribute, List<String> problems) {
        Object resource = template.resources().get(target);
        if (resource == null) {
            return; // TemplateReferencesTest reports unknown targets
        }
        String type = Template.type(resource);
        if (type.equals(Template.FUNCTION)) {
            // SAM keeps the logical id for the AWS::Lambda::Function it generates.
            type = "AWS::Lambda::Function";
        }
        JsonNode entry = spec.resource(type);
        if (entry != null && !entry.path("attributes").has(attribute)) {
            problems.add(path + ": " + type + " has no attribute " + attribute);
        }
    }

    private void checkProperties(String path, JsonNode known, Map<String, Object> actual, List<String> problems) {
        actual.forEach((name, value) -> {
            JsonNode property = known.get(name);
            if (property == null) {
                problems.add(path + ": unknown property " + name);
                return;
            }
            checkValue(path + "." + name, property.path("type"), value, problems);
        });
        known.fields().forEachRemaining(field -> {
            if (field.getValue().path("required").asBoolean(false) && !actual.containsKey(field.getKey())) {
                problems.add(path + ": missing required property " + field.getKey());
            }
        });
    }

    private void checkValue(String path, JsonNode type, Object value, List<String> problems) {
        if (Template.isIntrinsic(value)) {
            Object branches = Template.map(value).get("Fn::If");
            if (branches instanceof List<?> list && list.size() == 3) {
                checkValue(path + "(then)", type, list.get(1), problems);
                checkValue(path + "(else)", type, list.get(2), problems);
            }
            return;
        }
        switch (type.path("type").asText()) {
            case "ref" -> {
                JsonNode definition = spec.typeDefinition(type);
                if (definition != null && value instanceof Map) {
                    checkProperties(path, definition.path("properties"), Template.map(value), problems);
                } else if (definition != null) {
                    problems.add(path + ": expected an object");
                }
            }
            case "array" -> {
                if (value instanceof List<?> list) {
                    for (int i = 0; i < list.size(); i++) {
                        checkValue(path + "[" + i + "]", type.path("element"), list.get(i), problems);
                    }
                } else {
                    problems.add(path + ": expected a list");
                }
            }
            case "union" -> {
                // e.g. KeySchema: array of KeySchema, or json. Check against the member that has the value's shape.
                for (JsonNode member : type.path("types")) {
                    String kind = member.path("type").asText();
                    if (value instanceof List && kind.equals("array") || value instanceof Map && kind.equals("ref")) {
                        checkValue(path, member, value, problems);
                        break;
                    }
                }
            }
            case "map" -> Template.map(value).forEach((k, v) ->
                    checkValue(path + "." + k, type.path("element"), v, problems));
            case "boolean" -> {
                if (!(value instanceof Boolean) && !"true".equals(value) && !"false".equals(value)) {
                    problems.add(path + ": expected a boolean, got " + value);
                }
            }
            case "integer", "number" -> {
                if (!(value instanceof Number) && !String.valueOf(value).matches("-?[0-9.]+")) {
                    problems.add(path + ": expected a number, got " + value);
                }
            }
            default -> {
                // string, json, tag, union, date-time: any shape CloudFormation accepts
            }
        }
    }
}
