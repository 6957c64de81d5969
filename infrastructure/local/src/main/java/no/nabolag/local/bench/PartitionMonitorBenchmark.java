package no.nabolag.local.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.nabolag.aws.AwsClients;
import no.nabolag.core.config.Settings;
import no.nabolag.local.LocalStackConfig;
import no.nabolag.local.dynamodb.PartitionMonitor;
import no.nabolag.local.dynamodb.PartitionMonitorInterceptor;
import no.nabolag.local.process.Dynalite;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * What the hot-partition monitor costs: (1) the interceptor alone per call, for a PutItem of a subscription-sized
 * item and a Query returning 20 feed items, in nanoseconds; (2) PutItem round trips against dynalite through a
 * monitored client and through one the monitor skips, interleaved, in microseconds. Usage:
 * {@code java -cp ... no.nabolag.local.bench.PartitionMonitorBenchmark [calls]} from the repository root.
 */
public final class PartitionMonitorBenchmark {
    private PartitionMonitorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        interceptorAlone();
        try (Dynalite dynalite = Dynalite.start(LocalStackConfig.defaults().moduleDir(), Duration.ofSeconds(30))) {
            Settings settings = Settings.of(Map.of("AWS_REGION", "eu-north-1", "AWS_ACCESS_KEY_ID", "local",
                    "AWS_SECRET_ACCESS_KEY", "local", AwsClients.DYNAMODB_ENDPOINT, dynalite.endpoint().toString()));
            try (DynamoDbClient monitored = AwsClients.dynamoDb(settings);
                 DynamoDbClient skipped = AwsClients.configure(DynamoDbClient.builder(), settings,
                                 AwsClients.DYNAMODB_ENDPOINT)
                         .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                         .overrideConfiguration(c -> c.putExecutionAttribute(PartitionMonitorInterceptor.UNMONITORED, true))
                         .build()) {
                monitored.createTable(r -> r.tableName("Bench").billingMode("PAY_PER_REQUEST")
                        .attributeDefinitions(d -> d.attributeName("pk").attributeType(ScalarAttributeType.S),
                                d -> d.attributeName("sk").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
                                k -> k.attributeName("sk").keyType(KeyType.RANGE)));
                roundTrips(monitored, skipped, calls / 3); // warm-up
                roundTrips(monitored, skipped, calls);
            }
        }
        System.exit(0);
    }

    private static void interceptorAlone() {
        PartitionMonitorInterceptor interceptor = new PartitionMonitorInterceptor();
        ExecutionAttributes attributes = new ExecutionAttributes();
        interceptor.afterExecution(InterceptorContext.builder().request(software.amazon.awssdk.services.dynamodb.model
                .CreateTableRequest.builder().tableName("Feed").keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
                        k -> k.attributeName("sk").keyType(KeyType.RANGE)).build()).build(), attributes);
        InterceptorContext put = InterceptorContext.builder().request(PutItemRequest.builder().tableName("Feed")
                .item(item(0)).build()).response(software.amazon.awssdk.services.dynamodb.model.PutItemResponse.builder()
                .build()).build();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add(item(i));
        }
        InterceptorContext query = InterceptorContext.builder().request(QueryRequest.builder().tableName("Feed")
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)").expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS("sagene#3"), ":prefix", AttributeValue.fromS("post#"))).build())
                .response(QueryResponse.builder().items(items).build()).build();
        for (int round = 0; round < 3; round++) {
            int n = 200_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                interceptor.afterExecution(put, attributes);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                interceptor.afterExecution(query, attributes);
            }
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "interceptor alone, round %d: PutItem %.0f ns/call, Query (20 items) %.0f ns/call%n",
                    round + 1, (t1 - t0) / (double) n, (t2 - t1) / (double) n);
        }
        PartitionMonitor.shared().reset();
    }

    private static void roundTrips(DynamoDbClient monitored, DynamoDbClient skipped, int calls) {
        long monitoredNanos = 0;
        long skippedNanos = 0;
        for (int i = 0; i < calls; i++) {
            Map<String, AttributeValue> item = item(i);
            long t0 = System.nanoTime();
            monitored.putItem(r -> r.tableName("Bench").item(item));
            long t1 = System.nanoTime();
            skipped.putItem(r -> r.tableName("Bench").item(item));
            long t2 = System.nanoTime();
            monitoredNanos += t1 - t0;
            skippedNanos += t2 - t1;
        }
        System.out.printf(Locale.ROOT, "PutItem round trip against dynalite, %d calls each: monitored %.0f µs, "
                + "skipped by the monitor %.0f µs (ratio %.3f)%n", calls, monitoredNanos / 1e3 / calls,
                skippedNanos / 1e3 / calls, monitoredNanos / (double) skippedNanos);
    }

    /** A subscription-like item of ~300 bytes. */
    private static Map<String, AttributeValue> item(int i) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("sagene#" + (i % 16)));
        item.put("sk", AttributeValue.fromS("device#" + i));
        item.put("endpointArn", AttributeValue.fromS("arn:aws:sns:eu-north-1:000000000000:endpoint/GCM/nabolag-fcm/"
                + java.util.UUID.nameUUIDFromBytes(Integer.toString(i).getBytes())));
        item.put("categories", AttributeValue.fromSs(List.of("roadworks", "water", "culture-events")));
        item.put("locale", AttributeValue.fromS("nb"));
        item.put("timeZone", AttributeValue.fromS("Europe/Oslo"));
        item.put("active", AttributeValue.fromBool(true));
        item.put("quietStart", AttributeValue.fromN("2200"));
        return item;
    }
}
