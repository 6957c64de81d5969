package no.nabolag.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nabolag.aws.AwsClients;
import no.nabolag.core.json.Json;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The hot-partition monitor on the functions' own DynamoDB clients (the SDK's global interceptors, no function code):
 * units per partition key per second, a warning above what one partition serves, GET /_local/hot-partitions.
 */
class HotPartitionsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.shared();
    }

    /** Counts of this test only: earlier tests on the shared stack leave thousands of keys behind. */
    @org.junit.jupiter.api.BeforeEach
    void forgetEarlierCounts() throws Exception {
        HttpResponse<String> reset = HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl()
                + "/_local/hot-partitions")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reset.statusCode()).isEqualTo(204);
    }

    private static JsonNode hotPartitions() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl()
                + "/_local/hot-partitions?limit=1000")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        return Json.readTree(response.body());
    }

    private static JsonNode find(JsonNode partitions, String table, String key) {
        for (JsonNode partition : partitions) {
            if (partition.path("table").asText().equals(table) && partition.path("key").asText().equals(key)) {
                return partition;
            }
        }
        return null;
    }

    @Test
    void whatAFunctionWritesIsCountedAndTheStacksOwnSetUpIsNot() throws Exception {
        HttpResponse<String> registered = HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/v1/devices"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"platform\":\"android\",\"pushToken\":\"hot-" + UUID.randomUUID()
                                + "\",\"locale\":\"nb\",\"timeZone\":\"Europe/Oslo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String deviceId = Json.readTree(registered.body()).path("deviceId").asText();
        String setUpKey = "set-up-" + UUID.randomUUID();
        stack.dynamoDb().putItem(r -> r.tableName(stack.tableName("FeedTable")).item(Map.of(
                "districtId", AttributeValue.fromS(setUpKey), "feedKey", AttributeValue.fromS("x"))));

        JsonNode partitions = hotPartitions();

        assertThat(registered.statusCode()).isEqualTo(201);
        JsonNode device = find(partitions, stack.tableName("DevicesTable"), deviceId);
        assertThat(device).as("the resident API's write of device " + deviceId).isNotNull();
        assertThat(device.path("peakWriteUnitsPerSecond").asDouble()).isGreaterThanOrEqualTo(1);
        assertThat(device.path("at").asText()).isNotBlank();
        assertThat(find(partitions, stack.tableName("FeedTable"), setUpKey)).as("the stack's set-up client").isNull();
    }

    @Test
    void oneKeyAboveAThousandWriteUnitsInASecondIsWarnedAndListedFirst() throws Exception {
        String table = stack.tableName("FeedTable");
        String district = "hot-" + UUID.randomUUID();
        String body = "x".repeat(41 * 1024); // 42 write units, 11 read units per item
        // A client built exactly as the functions build theirs.
        try (DynamoDbClient function = AwsClients.dynamoDb(stack.settingsOf("PublisherFunction"))) {
            List<WriteRequest> writes = new ArrayList<>();
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                Map<String, AttributeValue> key = Map.of("districtId", AttributeValue.fromS(district),
                        "feedKey", AttributeValue.fromS("post#" + i));
                Map<String, AttributeValue> item = new HashMap<>(key);
                item.put("body", AttributeValue.fromS(body));
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                keys.add(key);
            }
            function.batchWriteItem(r -> r.requestItems(Map.of(table, writes)));
            function.batchGetItem(r -> r.requestItems(Map.of(table, KeysAndAttributes.builder().keys(keys).build())));
        }

        JsonNode hottest = hotPartitions().get(0);

        assertThat(hottest.path("table").asText()).isEqualTo(table);
        assertThat(hottest.path("key").asText()).isEqualTo(district);
        assertThat(hottest.path("peakWriteUnitsPerSecond").asDouble()).isEqualTo(25 * 42);
        assertThat(stack.partitionMonitor().warnings()).anySatisfy(warning -> assertThat(warning)
                .containsEntry("table", table).containsEntry("key", district).containsEntry("limitPerPartition", 1000.0)
                .containsKey("writeUnitsPerSecond"));
        assertThat(hottest.path("peakReadUnitsPerSecond").asDouble()).as("BatchGetItem, per item").isEqualTo(25 * 11);
    }
}
