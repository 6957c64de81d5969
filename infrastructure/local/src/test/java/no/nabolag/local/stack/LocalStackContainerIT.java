package no.nabolag.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import no.nabolag.aws.AwsClients;
import no.nabolag.core.config.Settings;
import no.nabolag.core.json.Json;
import no.nabolag.local.LocalStackConfig;
import no.nabolag.local.template.Intrinsics;
import no.nabolag.local.template.LocalResources;
import no.nabolag.local.template.TemplateModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The SDK-level parts of TemplateResourcesIT and SnsEmulatorIT against LocalStack (Docker, Testcontainers), to check
 * that our emulators and template reading agree with a second implementation. Compiled and run only in the Maven
 * profile {@code localstack}; skipped without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackContainerIT {
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices("dynamodb", "sqs", "sns");

    private static Settings settings;
    private static LocalResources resources;
    private static TemplateModel template;

    @BeforeAll
    static void createFromTemplate() {
        String endpoint = LOCALSTACK.getEndpoint().toString();
        settings = Settings.of(Map.of("AWS_REGION", LOCALSTACK.getRegion(), "AWS_ACCESS_KEY_ID",
                LOCALSTACK.getAccessKey(), "AWS_SECRET_ACCESS_KEY", LOCALSTACK.getSecretKey(),
                AwsClients.DYNAMODB_ENDPOINT, endpoint, AwsClients.SQS_ENDPOINT, endpoint, AwsClients.SNS_ENDPOINT, endpoint));
        template = TemplateModel.load(LocalStackConfig.defaults().template());
        resources = new LocalResources(LOCALSTACK.getRegion(), "000000000000");
        Intrinsics intrinsics = new Intrinsics(template,
                name -> resources.tableNames().getOrDefault(name, resources.queueUrls().getOrDefault(name, name)),
                (id, attribute) -> attribute.equals("Arn") ? resources.queueArn(id) : resources.queueName(id));
        try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings); SqsClient sqs = AwsClients.sqs(settings)) {
            resources.createTables(template, intrinsics, dynamoDb);
            resources.createQueues(template, intrinsics, sqs);
        }
    }

    @Test
    void everyTableHasItsIndexes() {
        try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings)) {
            var subscriptions = dynamoDb.describeTable(r -> r.tableName("SubscriptionsTable")).table();
            assertThat(subscriptions.globalSecondaryIndexes()).extracting(g -> g.indexName()).containsExactly("audience");
            assertThat(resources.tableNames()).hasSize(template.resourcesOfType("AWS::DynamoDB::Table").size());
        }
    }

    @Test
    void queuesHaveTheirRedrivePolicies() throws Exception {
        try (SqsClient sqs = AwsClients.sqs(settings)) {
            var attributes = sqs.getQueueAttributes(r -> r.queueUrl(resources.queueUrls().get("DeliveryQueue"))
                    .attributeNames(QueueAttributeName.ALL)).attributes();
            var policy = Json.readTree(attributes.get(QueueAttributeName.REDRIVE_POLICY));
            assertThat(policy.path("deadLetterTargetArn").asText()).isEqualTo(resources.queueArn("DeliveryDeadLetterQueue"));
            assertThat(policy.path("maxReceiveCount").asInt()).isEqualTo(5);
        }
    }

    @Test
    void platformEndpointsBehaveAsOurEmulatorDoes() {
        try (SnsClient sns = AwsClients.sns(settings)) {
            String app = sns.createPlatformApplication(r -> r.name("nabolag-" + UUID.randomUUID()).platform("GCM")
                    .attributes(Map.of("PlatformCredential", "fake"))).platformApplicationArn();
            String token = "token-" + UUID.randomUUID();
            String first = sns.createPlatformEndpoint(r -> r.platformApplicationArn(app).token(token)
                    .customUserData("a")).endpointArn();
            String second = sns.createPlatformEndpoint(r -> r.platformApplicationArn(app).token(token)
                    .customUserData("a")).endpointArn();

            assertThat(second).isEqualTo(first);
            assertThatThrownBy(() -> sns.createPlatformEndpoint(r -> r.platformApplicationArn(app).token(token)
                    .customUserData("b"))).isInstanceOf(InvalidParameterException.class);
            sns.publish(r -> r.targetArn(first).messageStructure("json")
                    .message("{\"default\":\"hei\",\"GCM\":\"{\\\"notification\\\":{}}\"}"));
            assertThat(sns.getEndpointAttributes(r -> r.endpointArn(first)).attributes()).containsEntry("Token", token);
            sns.deleteEndpoint(r -> r.endpointArn(first));
            sns.deleteEndpoint(r -> r.endpointArn(first));
        }
    }
}
