package no.nabolag.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Code and IAM policies in step, action by action: the AWS SDK operations each function's deployed code can call
 * (found in the bytecode of its shaded jar, function module and shared modules alike, see {@link AwsCalls}) are each
 * allowed by that function's statements, and every action a statement allows is one the code calls. So adding a
 * DynamoDB call without its permission fails here, not with AccessDenied in AWS; and a permission left behind after
 * the code stopped using it fails too. Queried indexes are granted by name ({@code table/index/status}), not as
 * {@code index/*}. Table by table and queue by queue too: an action on a table or queue is allowed exactly where
 * a class constructed with that resource's setting calls it (delivery may update devices, not read or write them).
 */
class TemplatePolicyActionsTest {
    private static final Pattern SUB_RESOURCE = Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.[A-Za-z0-9]+)?}");
    private static final Pattern INDEX = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.Arn}/index/([A-Za-z0-9_.-]+)");
    private static final Map<String, AwsCalls.Found> CALLS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Set<String> TABLES_AND_QUEUES = Set.of("AWS::DynamoDB::Table", "AWS::SQS::Queue");
    private final Template template = Template.load();

    @TestFactory
    Iterable<DynamicTest> everyAwsOperationTheCodeCallsIsAllowedByTheFunctionsPolicy() {
        return template.functions().stream().map(function -> DynamicTest.dynamicTest(function, () -> {
            AwsCalls.Found calls = calls(function);
            assertThat(calls.problems()).as(function + ": calls the scan cannot map to IAM actions").isEmpty();
            assertThat(calls.actions()).as(function + ": the scan finds the code's AWS calls").isNotEmpty();
            Map<String, Set<String>> missing = new TreeMap<>(calls.actions());
            missing.keySet().removeAll(allowedActions(function));
            assertThat(missing).as(function + ": AWS calls in the code (action <- calling methods) without a statement "
                    + "allowing them in template.yaml").isEmpty();
        })).toList();
    }

    @TestFactory
    Iterable<DynamicTest> everyActionAFunctionMayCallIsCalledByItsCode() {
        return template.functions().stream().map(function -> DynamicTest.dynamicTest(function, () -> {
            Set<String> unused = allowedActions(function);
            unused.removeAll(calls(function).actions().keySet());
            assertThat(unused).as(function + ": actions its statements allow that no code of its jar calls").isEmpty();
        })).toList();
    }

    @TestFactory
    Iterable<DynamicTest> indexesAreGrantedByNameExactlyWhereTheCodeQueriesThem() {
        return template.functions().stream().map(function -> DynamicTest.dynamicTest(function, () -> {
            Set<String> granted = new TreeSet<>();
            for (Map<String, Object> statement : template.policyStatements(function)) {
                for (Object resource : Template.statementResources(statement)) {
                    Matcher index = INDEX.matcher(String.valueOf(Template.map(resource).get("Fn::Sub")));
                    if (index.matches()) {
                        assertThat(indexesOf(index.group(1))).as(function + ": " + index.group(1) + " has the index")
                                .contains(index.group(2));
                        assertThat(Template.actions(statement)).as(function + " on an index").containsOnly("dynamodb:Query");
                        granted.add(index.group(2));
                    }
                }
            }
            assertThat(granted).as(function + ": indexes its statements name vs indexes its code queries")
                    .isEqualTo(calls(function).indexNames());
        })).toList();
    }

    @TestFactory
    Iterable<DynamicTest> eachTableAndQueueIsGrantedExactlyTheActionsOfTheCodeConstructedWithIt() {
        return template.functions().stream().map(function -> DynamicTest.dynamicTest(function, () -> {
            AwsCalls.Found calls = calls(function);
            List<String> unused = new ArrayList<>();
            for (Map<String, Object> statement : template.policyStatements(function)) {
                for (Object resource : Template.statementResources(statement)) {
                    for (String target : logicalIds(resource)) {
                        Set<String> settings = settingsNaming(function, target);
                        if (!TABLES_AND_QUEUES.contains(Template.type(template.resource(target)))) {
                            continue; // the secret is read by a loader given all settings, not by a bound class
                        }
                        for (String action : Template.actions(statement)) {
                            boolean called = calls.actionsByClass().entrySet().stream().anyMatch(c -> c.getValue()
                                    .contains(action) && !Collections.disjoint(calls.settingsByClass().get(c.getKey()),
                                    settings));
                            if (!called) {
                                unused.add(action + " on " + target);
                            }
                        }
                    }
                }
            }
            assertThat(unused).as(function + ": allowed, but no class constructed with that resource's setting calls it")
                    .isEmpty();

            List<String> missing = new ArrayList<>();
            calls.actionsByClass().forEach((type, actions) -> {
                Set<String> targets = new TreeSet<>();
                for (String setting : calls.settingsByClass().get(type)) {
                    String target = Template.refTarget(template.environment(function).get(setting));
                    if (target != null && TABLES_AND_QUEUES.contains(Template.type(template.resource(target)))) {
                        targets.add(target);
                    }
                }
                for (String action : targets.isEmpty() ? Set.<String>of() : actions) {
                    if (!grantedOnAnyOf(function, action, targets)) {
                        missing.add(type + ": " + action + " on " + targets);
                    }
                }
            });
            assertThat(missing).as(function + ": calls on a table or queue without a statement naming it").isEmpty();
        })).toList();
    }

    /** The function's environment variables whose value is the resource's Ref (a table's name, a queue's URL). */
    private Set<String> settingsNaming(String function, String resource) {
        Set<String> names = new TreeSet<>();
        template.environment(function).forEach((name, value) -> {
            if (resource.equals(Template.refTarget(value))) {
                names.add(name);
            }
        });
        return names;
    }

    private boolean grantedOnAnyOf(String function, String action, Set<String> resources) {
        return template.policyStatements(function).stream().filter(s -> Template.actions(s).contains(action))
                .flatMap(s -> Template.statementResources(s).stream())
                .anyMatch(r -> !Collections.disjoint(logicalIds(r), resources));
    }

    private AwsCalls.Found calls(String function) {
        return CALLS.computeIfAbsent(function, f -> AwsCalls.of(template.code(f), template.handlerClass(f)));
    }

    private Set<String> allowedActions(String function) {
        Set<String> actions = new TreeSet<>();
        template.policyStatements(function).forEach(s -> actions.addAll(Template.actions(s)));
        return actions;
    }

    private Set<String> indexesOf(String table) {
        Set<String> names = new TreeSet<>();
        Template.list(Template.properties(template.resource(table)).get("GlobalSecondaryIndexes"))
                .forEach(i -> names.add(String.valueOf(Template.map(i).get("IndexName"))));
        return names;
    }

    /** The template resources a statement's Resource entry names: !Ref X, !GetAtt X.Arn, or ${X...} in a !Sub. */
    static Set<String> logicalIds(Object resource) {
        Set<String> ids = new TreeSet<>();
        if (Template.refTarget(resource) != null) {
            ids.add(Template.refTarget(resource));
        } else if (Template.getAttTarget(resource) != null) {
            ids.add(Template.getAttTarget(resource));
        } else if (Template.map(resource).get("Fn::Sub") instanceof String text) {
            Matcher matcher = SUB_RESOURCE.matcher(text);
            while (matcher.find()) {
                String name = matcher.group(1);
                if (Template.load().resources().containsKey(name)) {
                    ids.add(name);
                }
            }
        }
        return ids;
    }
}
