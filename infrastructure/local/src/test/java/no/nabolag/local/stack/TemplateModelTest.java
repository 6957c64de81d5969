package no.nabolag.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import no.nabolag.local.template.Intrinsics;
import no.nabolag.local.template.TemplateModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateModelTest {
    @TempDir
    Path dir;

    private TemplateModel load(String yaml) throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, yaml);
        return TemplateModel.load(file);
    }

    @Test
    void readsEveryShortFormTag() throws Exception {
        TemplateModel template = load("""
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                  NotProd: !Not [!Condition IsProd]
                  Both: !And [!Condition IsProd, !Or [!Condition NotProd, !Condition IsProd]]
                Resources:
                  Thing:
                    Type: Custom::Thing
                    Properties:
                      A: !Sub "${Stage}-${AWS::Region}-${Queue.Arn}"
                      B: !If [IsProd, big, small]
                      C: !Select [1, !Split [",", "x,y,z"]]
                      D: !Join ["-", [a, !GetAtt Queue.QueueName]]
                      E: !FindInMap [Sizes, !Ref Stage, memory]
                      F: !Base64 hello
                      G: !GetAZs ""
                      H: !ImportValue shared-vpc
                      I: !Cidr [10.0.0.0/16, 4, 8]
                      J: !GetAtt [Queue, Arn]
                Mappings:
                  Sizes:
                    dev: { memory: 512 }
                """);
        Intrinsics intrinsics = new Intrinsics(template, name -> name.equals("Stage") ? "dev"
                : name.equals("AWS::Region") ? "eu-north-1" : name, (id, attribute) -> id + "/" + attribute);
        Map<String, Object> p = template.properties("Thing");

        assertThat(intrinsics.string(p.get("A"))).isEqualTo("dev-eu-north-1-Queue/Arn");
        assertThat(intrinsics.string(p.get("B"))).isEqualTo("small");
        assertThat(intrinsics.string(p.get("C"))).isEqualTo("y");
        assertThat(intrinsics.string(p.get("D"))).isEqualTo("a-Queue/QueueName");
        assertThat(intrinsics.string(p.get("E"))).isEqualTo("512");
        assertThat(intrinsics.string(p.get("F"))).isEqualTo("aGVsbG8=");
        assertThat(p.get("G")).isEqualTo(Map.of("Fn::GetAZs", ""));
        assertThat(p.get("H")).isEqualTo(Map.of("Fn::ImportValue", "shared-vpc"));
        assertThat(intrinsics.string(p.get("J"))).isEqualTo("Queue/Arn");
        assertThat(intrinsics.condition("NotProd")).isTrue();
        assertThat(intrinsics.condition("Both")).isFalse();
    }

    @Test
    void theRealTemplateDeclaresTheFunctionsTheLocalStackWires() {
        TemplateModel template = TemplateModel.load(Path.of("../../template.yaml"));

        assertThat(template.resourcesOfType("AWS::Serverless::Function")).contains("ResidentApiFunction",
                "PublisherFunction", "FanoutFunction", "DeliveryFunction", "SchedulerFunction");
        assertThat(template.functionEnvironment("DeliveryFunction")).containsKeys("DELIVERY_QUEUE_URL", "CATALOG_TABLE");
        assertThat(template.events("FanoutFunction").values()).anySatisfy(e -> assertThat(e.get("Type")).isEqualTo("SQS"));
    }
}
