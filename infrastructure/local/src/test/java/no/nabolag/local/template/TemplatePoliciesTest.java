package no.nabolag.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Least privilege, resource by resource: every function has explicit IAM statements (no SAM policy templates, which
 * grant whole families of actions), none on "*", and its table, queue, secret and SNS statements name exactly the
 * tables, queues and secret whose settings its code reads (read from its jar, see FunctionCode) and only the
 * deployment's platform applications. Which actions each function may call is {@link TemplatePolicyActionsTest}.
 */
class TemplatePoliciesTest {
    static final String ENDPOINTS = ":endpoint/*/${PlatformApplicationNamePrefix}*/*";
    static final String PLATFORM_APPLICATIONS = ":app/*/${PlatformApplicationNamePrefix}*";
    private final Template template = Template.load();

    @TestFactory
    Iterable<DynamicTest> everyFunctionHasExplicitStatementsOnNamedResources() {
        return template.functions().stream().map(function -> DynamicTest.dynamicTest(function, () -> {
            List<Object> policies = Template.list(Template.properties(template.resource(function)).get("Policies"));
            assertThat(policies).as(function + " Policies").isNotEmpty();
            for (Object policy : policies) {
                assertThat(Template.map(policy).keySet()).as(function + ": explicit statements, no policy templates")
                        .containsExactly("Statement");
            }
            for (Map<String, Object> statement : template.policyStatements(function)) {
                assertThat(statement.get("Effect")).as(function + " " + statement).isEqualTo("Allow");
                assertThat(Template.statementResources(statement)).as(function + " statement " + statement)
                        .isNotEmpty().doesNotContain("*");
                assertThat(Template.actions(statement)).as(function).isNotEmpty().noneMatch(a -> a.contains("*"));
            }
        })).toList();
    }

    @TestFactory
    Iterable<DynamicTest> tableStatementsNameExactlyTheTablesTheCodeUses() {
        return template.functions().stream().map(function -> DynamicTest.dynamicTest(function, () -> {
            Set<String> used = resourcesBehindSettings(function, "AWS::DynamoDB::Table");
            assertThat(resourcesOf(function, "dynamodb:")).as(function + ": tables in statements vs tables whose "
                    + "setting the code reads").isEqualTo(used);
        })).toList();
    }

    @TestFactory
    Iterable<DynamicTest> queueStatementsNameExactlyTheQueuesTheCodeSendsTo() {
        return template.functions().stream().map(function -> DynamicTest.dynamicTest(function, () -> {
            Set<String> used = resourcesBehindSettings(function, "AWS::SQS::Queue");
            assertThat(resourcesOf(function, "sqs:")).as(function + ": queues in statements vs queue settings the code "
                    + "reads").isEqualTo(used);
        })).toList();
    }

    @TestFactory
    Iterable<DynamicTest> onlyFunctionsThatReadTheSigningKeysMayReadTheSecret() {
        return template.functions().stream().map(function -> DynamicTest.dynamicTest(function, () -> {
            boolean reads = !resourcesBehindSettings(function, "AWS::SecretsManager::Secret").isEmpty();
            assertThat(resourcesOf(function, "secretsmanager:")).as(function + " may read the signing keys")
                    .isEqualTo(reads ? Set.of("SigningKeysSecret") : Set.of());
        })).toList();
    }

    @TestFactory
    Iterable<DynamicTest> snsStatementsNameOnlyTheDeploymentsPlatformApplicationsAndTheirEndpoints() {
        return template.functions().stream().map(function -> DynamicTest.dynamicTest(function, () -> {
            for (Map<String, Object> statement : template.policyStatements(function)) {
                for (String action : Template.actions(statement)) {
                    if (!action.startsWith("sns:")) {
                        continue;
                    }
                    String expected = action.equals("sns:CreatePlatformEndpoint") ? PLATFORM_APPLICATIONS : ENDPOINTS;
                    for (Object resource : Template.statementResources(statement)) {
                        assertThat(String.valueOf(Template.map(resource).get("Fn::Sub")))
                                .as(function + " " + action + ": this account and region, applications named with "
                                        + "PlatformApplicationNamePrefix")
                                .startsWith("arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:")
                                .endsWith(expected);
                    }
                }
            }
        })).toList();
    }

    /** Logical ids of the template resources named by the function's statements whose actions start with a prefix. */
    private Set<String> resourcesOf(String function, String actionPrefix) {
        Set<String> named = new TreeSet<>();
        for (Map<String, Object> statement : template.policyStatements(function)) {
            if (Template.actions(statement).stream().anyMatch(a -> a.startsWith(actionPrefix))) {
                Template.statementResources(statement).forEach(r -> named.addAll(TemplatePolicyActionsTest.logicalIds(r)));
            }
        }
        return named;
    }

    /** Resources of a type whose Ref is the value of a setting the function's code reads. */
    private Set<String> resourcesBehindSettings(String function, String type) {
        Set<String> read = template.code(function).settingsRead(template.handlerClass(function)).keySet();
        Set<String> resources = new TreeSet<>();
        template.environment(function).forEach((name, value) -> {
            String target = Template.refTarget(value);
            if (target != null && read.contains(name) && template.resources().containsKey(target)
                    && type.equals(Template.type(template.resource(target)))) {
                resources.add(target);
            }
        });
        return resources;
    }
}
