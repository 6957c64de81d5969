package no.nabolag.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import no.nabolag.core.json.Json;
import no.nabolag.local.LocalStack;
import no.nabolag.local.template.TemplateModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Every table and queue of template.yaml exists locally as declared, so local and cloud cannot drift. */
class TemplateResourcesIT {
    private static LocalStack stack;
    private static TemplateModel template;

    @BeforeAll
    static void start() {
        stack = LocalStack.shared();
        template = TemplateModel.load(stack.config().template());
    }

    @Test
    void everyTableExistsWithItsKeysAndGlobalSecondaryIndexes() {
        List<String> tables = template.resourcesOfType("AWS::DynamoDB::Table");
        assertThat(tables).contains("CatalogTable", "DevicesTable", "SubscriptionsTable", "PostsTable", "FeedTable",
                "OrganizationsTable", "DeliveryTable");

        for (String id : tables) {
            Map<String, Object> properties = template.properties(id);
            TableDescription table = stack.dynamoDb().describeTable(r -> r.tableName(stack.tableName(id))).table();

            assertThat(keys(table.keySchema())).as(id + " key schema").isEqualTo(keys(properties.get("KeySchema")));
            Map<String, String> declaredIndexes = TemplateModel.list(properties.get("GlobalSecondaryIndexes")).stream()
                    .map(TemplateModel::<String, Object>cast)
                    .collect(Collectors.toMap(g -> (String) g.get("IndexName"), g -> keys(g.get("KeySchema"))));
            Map<String, String> localIndexes = table.globalSecondaryIndexes().stream()
                    .collect(Collectors.toMap(g -> g.indexName(), g -> keys(g.keySchema())));
            assertThat(localIndexes).as(id + " GSIs").isEqualTo(declaredIndexes);
        }
    }

    @Test
    void everyQueueExistsWithItsVisibilityTimeoutAndRedrivePolicy() throws Exception {
        List<String> queues = template.resourcesOfType("AWS::SQS::Queue");
        assertThat(queues).contains("FanoutQueue", "FanoutDeadLetterQueue", "DeliveryQueue", "DeliveryDeadLetterQueue");

        for (String id : queues) {
            Map<String, Object> properties = template.properties(id);
            Map<QueueAttributeName, String> attributes = stack.sqs().getQueueAttributes(r -> r
                    .queueUrl(stack.queueUrl(id)).attributeNames(QueueAttributeName.ALL)).attributes();

            if (properties.containsKey("VisibilityTimeout")) {
                assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)).as(id)
                        .isEqualTo(String.valueOf(properties.get("VisibilityTimeout")));
            }
            if (properties.get("RedrivePolicy") instanceof Map<?, ?> redrive) {
                String deadLetterQueue = String.valueOf(TemplateModel.list(
                        ((Map<?, ?>) redrive.get("deadLetterTargetArn")).get("Fn::GetAtt")).get(0));
                var policy = Json.readTree(attributes.get(QueueAttributeName.REDRIVE_POLICY));
                assertThat(policy.path("deadLetterTargetArn").asText()).as(id + " DLQ")
                        .isEqualTo(stack.queueArn(deadLetterQueue));
                assertThat(policy.path("maxReceiveCount").asInt()).as(id + " maxReceiveCount")
                        .isEqualTo(((Number) redrive.get("maxReceiveCount")).intValue());
            }
        }
    }

    @Test
    void functionSettingsResolveEveryTemplateVariable() {
        for (String function : template.resourcesOfType("AWS::Serverless::Function")) {
            var settings = stack.settingsOf(function);
            template.functionEnvironment(function).keySet().forEach(name ->
                    assertThat(settings.find(name)).as(function + " " + name).isPresent()
                            .get().asString().doesNotContain("Ref", "Fn::", "{"));
            assertThat(settings.require("CATALOG_TABLE")).isEqualTo(stack.tableName("CatalogTable"));
            assertThat(settings.require("AWS_ENDPOINT_URL_DYNAMODB")).startsWith("http://127.0.0.1:");
            assertThat(settings.require("AWS_ENDPOINT_URL_SECRETS_MANAGER")).startsWith("http://127.0.0.1:");
        }
        // Only what the local parameter file's Environment names differs from a deployment.
        assertThat(stack.settingsOf("PublisherFunction").require("ADMIN_AUTH")).isEqualTo("bearer");
        assertThat(stack.settingsOf("PublisherFunction").require("NABOLAG_ADMIN_TOKEN")).isEqualTo(stack.adminToken());
        assertThat(stack.settingsOf("ResidentApiFunction").find("NABOLAG_ADMIN_TOKEN")).isEmpty();
        assertThat(stack.settingsOf("ConsoleFunction").require("CONSOLE_ISSUER")).isEqualTo(stack.oidcIssuer().issuer());
        assertThat(stack.settingsOf("ConsoleFunction").require("CONSOLE_CLIENT_ID"))
                .isEqualTo(no.nabolag.local.oidc.LocalOidcIssuer.CLIENT_ID);
        assertThat(stack.settingsOf("PublisherFunction").require("FANOUT_QUEUE_URL"))
                .isEqualTo(stack.queueUrl("FanoutQueue"));
        assertThat(stack.settingsOf("PublisherFunction").require("PUBLIC_BASE_URL"))
                .isEqualTo(stack.baseUrl().toString());
        assertThat(stack.settingsOf("DeliveryFunction").require("PUSH_RATE_PER_SECOND")).isEqualTo("300");
        assertThat(stack.settingsOf("ResidentApiFunction").require("SIGNING_SECRET_ARN"))
                .isEqualTo(stack.signingSecretArn());
    }

    @Test
    void theSigningSecretIsServedBySecretsManager() {
        var keys = no.nabolag.aws.security.SecretsManagerSigningSecret.load(stack.settingsOf("PublisherFunction"));

        assertThat(keys.currentKeyId()).isEqualTo("k1");
        assertThat(keys.key("k1")).get().satisfies(k -> assertThat(k).hasSize(48));
    }

    private static String keys(Object schema) {
        return TemplateModel.list(schema).stream().map(TemplateModel::<String, Object>cast)
                .map(k -> k.get("AttributeName") + ":" + k.get("KeyType")).collect(Collectors.joining(","));
    }

    private static String keys(List<KeySchemaElement> schema) {
        return schema.stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).collect(Collectors.joining(","));
    }
}
