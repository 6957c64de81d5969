package no.nabolag.aws;

import java.net.URI;
import java.util.Optional;
import no.nabolag.core.config.Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients from settings. Endpoints follow the SDK's own variable names
 * (AWS_ENDPOINT_URL_DYNAMODB, _SQS, _SNS), so the local stack points the same code at its emulators.
 */
public final class AwsClients {
    public static final String DYNAMODB_ENDPOINT = "AWS_ENDPOINT_URL_DYNAMODB";
    public static final String SQS_ENDPOINT = "AWS_ENDPOINT_URL_SQS";
    public static final String SNS_ENDPOINT = "AWS_ENDPOINT_URL_SNS";
    public static final String SECRETS_ENDPOINT = "AWS_ENDPOINT_URL_SECRETS_MANAGER";

    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb(Settings settings) {
        return configure(DynamoDbClient.builder(), settings, DYNAMODB_ENDPOINT)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public static SqsClient sqs(Settings settings) {
        return configure(SqsClient.builder(), settings, SQS_ENDPOINT)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public static SnsClient sns(Settings settings) {
        return configure(SnsClient.builder(), settings, SNS_ENDPOINT)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public static SecretsManagerClient secretsManager(Settings settings) {
        return configure(SecretsManagerClient.builder(), settings, SECRETS_ENDPOINT)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** Region, credentials and endpoint override for any SDK client builder (sync or async). */
    public static <B extends AwsClientBuilder<B, ?>> B configure(B builder, Settings settings, String endpointSetting) {
        builder.region(region(settings)).credentialsProvider(credentials(settings));
        settings.find(endpointSetting).map(URI::create).ifPresent(builder::endpointOverride);
        return builder;
    }

    public static Region region(Settings settings) {
        return Region.of(settings.get("AWS_REGION", "eu-north-1"));
    }

    public static AwsCredentialsProvider credentials(Settings settings) {
        Optional<String> key = settings.find("AWS_ACCESS_KEY_ID");
        Optional<String> secret = settings.find("AWS_SECRET_ACCESS_KEY");
        if (key.isPresent() && secret.isPresent() && settings.find("AWS_SESSION_TOKEN").isEmpty()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.get(), secret.get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
