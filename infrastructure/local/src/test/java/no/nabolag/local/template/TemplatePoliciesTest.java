package no.nabolag.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Least privilege: every function has explicit policies, none on "*", and its table, queue and secret policies
 * match exactly the tables, queues and secret whose settings its code reads (read from its jar, see FunctionCode).
 */
class TemplatePoliciesTest {
    private static final Set<String> TABLE_POLICIES = Set.of("DynamoDBReadPolicy", "DynamoDBCrudPolicy",
            "DynamoDBWritePolicy");
    private final Template template = Template.load();

    @TestFactory
    Iterable<DynamicTest> everyFunctionHasExplicitPoliciesOnNamedResources() {
        return template.functions().stream().map(function -> DynamicTest.dynamicTest(function, () -> {
            List<Object> policies = Template.list(Template.properties(template.resource(function)).get("Policies"));
            assertThat(policies).as(function + " Policies").isNotEmpty();
            for (Map<String, Object> statement : statements(function)) {
                Object resource = statement.get("Resource");
                assertThat(resource).as(function + " statement " + statement).isNotNull().isNotEqualTo("*");
                assertThat(Template.list(resource)).as(function + " statement " + statement).doesNotContain("*");
                assertThat(String.valueOf(statement.get("Action"))).as(function).doesNotContain("*");
            }
        })).toList();
    }

    @TestFactory
    Iterable<DynamicTest> tablePoliciesMatchTheTablesTheCodeUses() {
        return template.functions().stream().map(function -> DynamicTest.dynamicTest(function, () -> {
            Set<String> used = resourcesBehindSettings(function, "AWS::DynamoDB::Table");
            Set<String> granted = new TreeSet<>();
            policyTemplates(function, TABLE_POLICIES).forEach(args -> granted.add(Template.refTarget(args.get("TableName"))));
            assertThat(granted).as(function + ": tables with a policy vs tables whose setting the code reads")
                    .isEqualTo(used);
        })).toList();
    }

    @TestFactory
    Iterable<DynamicTest> queueSendPoliciesMatchTheQueuesTheCodeSendsTo() {
        return template.functions().stream().map(function -> DynamicTest.dynamicTest(function, () -> {
            Set<String> used = resourcesBehindSettings(function, "AWS::SQS::Queue");
            Set<String> granted = new TreeSet<>();
            policyTemplates(function, Set.of("SQSSendMessagePolicy"))
                    .forEach(args -> granted.add(Template.getAttTarget(args.get("QueueName"))));
            assertThat(granted).as(function + ": queues with a send policy vs queue settings the code reads")
                    .isEqualTo(used);
        })).toList();
    }

    @TestFactory
    Iterable<DynamicTest> onlyFunctionsThatReadTheSigningKeysMayReadTheSecret() {
        return template.functions().stream().map(function -> DynamicTest.dynamicTest(function, () -> {
            boolean reads = !resourcesBehindSettings(function, "AWS::SecretsManager::Secret").isEmpty();
            boolean granted = statements(function).stream()
                    .anyMatch(s -> String.valueOf(s.get("Action")).contains("secretsmanager:GetSecretValue")
                            && "SigningKeysSecret".equals(Template.refTarget(s.get("Resource"))));
            assertThat(granted).as(function + " may read the signing keys").isEqualTo(reads);
        })).toList();
    }

    @TestFactory
    Iterable<DynamicTest> snsPermissionsOnlyWhereTheCodeCallsSnsAndOnlyOnEndpointsAndPlatformApplications() {
        return template.functions().stream().map(function -> DynamicTest.dynamicTest(function, () -> {
            List<Map<String, Object>> sns = statements(function).stream()
                    .filter(s -> String.valueOf(s.get("Action")).contains("sns:")).toList();
            boolean callsSns = template.code(function).callsOperationsOf(template.handlerClass(function),
                    Set.of("software/amazon/awssdk/services/sns/SnsClient", "software/amazon/awssdk/services/sns/SnsAsyncClient"));
            assertThat(!sns.isEmpty()).as(function + " has SNS permissions iff its code calls SNS").isEqualTo(callsSns);
            for (Map<String, Object> statement : sns) {
                assertThat(String.valueOf(statement.get("Resource")))
                        .as(function + " SNS resources are this account's endpoints or platform applications")
                        .contains(":endpoint/*");
            }
        })).toList();
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

    private List<Map<String, Object>> policyTemplates(String function, Set<String> names) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Object policy : Template.list(Template.properties(template.resource(function)).get("Policies"))) {
            Template.map(policy).forEach((name, args) -> {
                if (names.contains(name)) {
                    found.add(Template.map(args));
                }
            });
        }
        return found;
    }

    private List<Map<String, Object>> statements(String function) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : Template.list(Template.properties(template.resource(function)).get("Policies"))) {
            Template.list(Template.map(policy).get("Statement")).forEach(s -> statements.add(Template.map(s)));
        }
        return statements;
    }
}
