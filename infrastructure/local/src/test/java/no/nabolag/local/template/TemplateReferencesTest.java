package no.nabolag.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every !Ref, !GetAtt, !Sub variable and condition name in template.yaml resolves, as CloudFormation requires. */
class TemplateReferencesTest {
    private final Template template = Template.load();

    @Test
    void everyRefNamesAParameterAResourceOrAPseudoParameter() {
        List<String> unresolved = new ArrayList<>();
        Template.walkIntrinsics("", template.document, (path, intrinsic) -> {
            String target = Template.refTarget(intrinsic);
            if (target != null && !resolvable(target)) {
                unresolved.add(path + ": !Ref " + target);
            }
        });
        assertThat(unresolved).isEmpty();
    }

    @Test
    void everyGetAttNamesAResource() {
        List<String> unresolved = new ArrayList<>();
        Template.walkIntrinsics("", template.document, (path, intrinsic) -> {
            String target = Template.getAttTarget(intrinsic);
            if (intrinsic.containsKey("Fn::GetAtt") && (target == null || !template.resources().containsKey(target))) {
                unresolved.add(path + ": !GetAtt " + intrinsic.get("Fn::GetAtt"));
            }
        });
        assertThat(unresolved).isEmpty();
    }

    @Test
    void everySubVariableResolves() {
        List<String> unresolved = new ArrayList<>();
        int[] subs = {0};
        Template.walkIntrinsics("", template.document, (path, intrinsic) -> {
            Object sub = intrinsic.get("Fn::Sub");
            if (sub == null) {
                return;
            }
            subs[0]++;
            String text;
            Set<String> local = new TreeSet<>();
            if (sub instanceof List<?> list) {
                text = String.valueOf(list.get(0));
                local.addAll(Template.map(list.size() > 1 ? list.get(1) : Map.of()).keySet());
            } else {
                text = String.valueOf(sub);
            }
            for (String variable : Template.subVariables(text)) {
                String name = variable.contains(".") ? variable.substring(0, variable.indexOf('.')) : variable;
                boolean ok = local.contains(variable) || (variable.contains(".")
                        ? template.resources().containsKey(name) : resolvable(variable));
                if (!ok) {
                    unresolved.add(path + ": ${" + variable + "}");
                }
            }
        });
        assertThat(subs[0]).as("the template uses !Sub").isPositive();
        assertThat(unresolved).isEmpty();
    }

    @Test
    void everyConditionNameIsDeclared() {
        Set<String> declared = template.section("Conditions").keySet();
        List<String> unknown = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            Object condition = Template.map(resource).get("Condition");
            if (condition != null && !declared.contains(String.valueOf(condition))) {
                unknown.add(id + ": Condition " + condition);
            }
        });
        Template.map(template.section("Outputs")).forEach((id, output) -> {
            Object condition = Template.map(output).get("Condition");
            if (condition != null && !declared.contains(String.valueOf(condition))) {
                unknown.add("Outputs." + id + ": Condition " + condition);
            }
        });
        Template.walkIntrinsics("", template.document, (path, intrinsic) -> {
            if (intrinsic.get("Fn::If") instanceof List<?> branches
                    && !declared.contains(String.valueOf(branches.get(0)))) {
                unknown.add(path + ": !If " + branches.get(0));
            }
            if (intrinsic.get("Condition") instanceof String name && !declared.contains(name)) {
                unknown.add(path + ": !Condition " + name);
            }
        });
        assertThat(unknown).isEmpty();
    }

    @Test
    void conditionalResourcesAreOnlyReferencedFromResourcesWithTheSameCondition() {
        List<String> problems = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            Object ownCondition = Template.map(resource).get("Condition");
            Template.walkIntrinsics(id, resource, (path, intrinsic) -> {
                String target = Template.refTarget(intrinsic) != null ? Template.refTarget(intrinsic)
                        : Template.getAttTarget(intrinsic);
                Object targetCondition = target == null ? null : Template.map(template.resources().get(target)).get("Condition");
                if (targetCondition != null && !targetCondition.equals(ownCondition)) {
                    problems.add(path + " refers to " + target + ", which exists only if " + targetCondition);
                }
            });
        });
        assertThat(problems).isEmpty();
    }

    private boolean resolvable(String name) {
        return Template.PSEUDO_PARAMETERS.contains(name) || template.section("Parameters").containsKey(name)
                || template.resources().containsKey(name);
    }
}
