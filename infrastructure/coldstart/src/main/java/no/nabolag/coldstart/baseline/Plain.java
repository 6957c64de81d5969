package no.nabolag.coldstart.baseline;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What a plain handler does without our code: builds the SDK clients straight from the environment (same HTTP
 * clients as the functions: URL connection for sync, Netty for delivery's async SNS) and nothing else.
 */
final class Plain {
    private Plain() {
    }

    static String env(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalStateException("Missing " + name);
        }
        return value;
    }

    static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().region(region()).credentialsProvider(credentials())
                .endpointOverride(URI.create(env("AWS_ENDPOINT_URL_DYNAMODB")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    static SqsClient sqs() {
        return SqsClient.builder().region(region()).credentialsProvider(credentials())
                .endpointOverride(URI.create(env("AWS_ENDPOINT_URL_SQS")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    static SecretsManagerClient secrets() {
        return SecretsManagerClient.builder().region(region()).credentialsProvider(credentials())
                .endpointOverride(URI.create(env("AWS_ENDPOINT_URL_SECRETS_MANAGER")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    static SnsAsyncClient snsAsync() {
        return SnsAsyncClient.builder().region(region()).credentialsProvider(credentials())
                .endpointOverride(URI.create(env("AWS_ENDPOINT_URL_SNS")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(64)).build();
    }

    private static Region region() {
        return Region.of(env("AWS_REGION"));
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(env("AWS_ACCESS_KEY_ID"),
                env("AWS_SECRET_ACCESS_KEY")));
    }
}
