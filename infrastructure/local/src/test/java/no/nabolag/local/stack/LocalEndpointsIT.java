package no.nabolag.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nabolag.core.json.Json;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PlatformApplication;
import software.amazon.awssdk.services.sqs.SqsClient;

/** GET /_local/endpoints: where each emulator listens, enough for any SDK or the AWS CLI with dummy credentials. */
class LocalEndpointsIT {
    private static final StaticCredentialsProvider DUMMY = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("local", "local"));
    private static LocalStack stack;
    private static JsonNode endpoints;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.shared();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.baseUrl() + "/_local/endpoints")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        endpoints = Json.readTree(response.body());
    }

    private static URI url(String service) {
        return URI.create(endpoints.path(service).asText());
    }

    @Test
    void listsTheFourServicesOnLoopback() {
        List<String> names = new ArrayList<>();
        endpoints.fieldNames().forEachRemaining(names::add);

        assertThat(names).containsExactly("dynamodb", "sqs", "sns", "secretsmanager");
        names.forEach(name -> assertThat(endpoints.path(name).asText()).matches("http://127\\.0\\.0\\.1:\\d+"));
    }

    @Test
    void anySdkClientWithDummyCredentialsReachesTheStacksResources() {
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(url("dynamodb")).region(Region.EU_NORTH_1)
                .credentialsProvider(DUMMY).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
             SqsClient sqs = SqsClient.builder().endpointOverride(url("sqs")).region(Region.EU_NORTH_1)
                     .credentialsProvider(DUMMY).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
             SnsClient sns = SnsClient.builder().endpointOverride(url("sns")).region(Region.EU_NORTH_1)
                     .credentialsProvider(DUMMY).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
             SecretsManagerClient secrets = SecretsManagerClient.builder().endpointOverride(url("secretsmanager"))
                     .region(Region.EU_NORTH_1).credentialsProvider(DUMMY)
                     .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {

            assertThat(dynamoDb.listTables().tableNames()).contains(stack.tableName("PostsTable"));
            assertThat(sqs.listQueues().queueUrls()).contains(stack.queueUrl("FanoutQueue"));
            assertThat(sns.listPlatformApplications().platformApplications())
                    .extracting(PlatformApplication::platformApplicationArn).contains(stack.apnsPlatformApplicationArn());
            assertThat(secrets.getSecretValue(r -> r.secretId(stack.signingSecretArn())).secretString())
                    .contains("currentKeyId");
        }
    }

    @Test
    void theAwsCliWorksAsTheReadmeShows() throws Exception {
        Assumptions.assumeTrue(onPath("aws"), "No AWS CLI on PATH: the README's CLI examples are not tried");

        String tables = cli(Map.of(), "dynamodb", "list-tables", "--endpoint-url", url("dynamodb").toString());
        String applications = cli(Map.of("AWS_ENDPOINT_URL_SNS", url("sns").toString()), "sns",
                "list-platform-applications");
        String queues = cli(Map.of(), "sqs", "list-queues", "--endpoint-url", url("sqs").toString());

        assertThat(tables).contains(stack.tableName("PostsTable"));
        assertThat(applications).contains(stack.apnsPlatformApplicationArn());
        assertThat(queues).contains(stack.queueUrl("FanoutQueue"));
    }

    private static String cli(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        command.addAll(List.of("--region", "eu-north-1", "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", "local");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
