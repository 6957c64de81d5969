package no.nabolag.aws.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nabolag.core.device.Device;
import no.nabolag.core.device.DeviceSweepStore;
import no.nabolag.core.device.EndpointOwnership;
import no.nabolag.core.device.TokenKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * DevicesTable for the sweep: a Scan page by page (device items and {@code TOKEN#} ownership items; the position item
 * {@code SWEEP} is skipped), and the position where the last run stopped, kept in the item {@code SWEEP}.
 */
public final class DynamoDbDeviceSweepStore implements DeviceSweepStore {
    static final String POSITION_ITEM = "SWEEP";
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbDeviceSweepStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Page page(String from, int limit) {
        ScanRequest.Builder scan = ScanRequest.builder().tableName(table).limit(limit);
        if (from != null) {
            scan.exclusiveStartKey(Map.of("deviceId", AttributeValue.fromS(from)));
        }
        var response = dynamoDb.scan(scan.build());
        List<Device> devices = new ArrayList<>();
        List<EndpointOwnership.Owner> owners = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            String id = item.get("deviceId").s();
            if (TokenKeys.isTokenKey(id)) {
                owners.add(DynamoDbEndpointOwnership.owner(item));
            } else if (!POSITION_ITEM.equals(id) && item.containsKey("secretHash")) {
                devices.add(DynamoDbDeviceStore.fromItem(item));
            }
        }
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey().get("deviceId").s() : null;
        return new Page(devices, owners, next);
    }

    @Override
    public Optional<String> position() {
        var item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("deviceId", AttributeValue.fromS(POSITION_ITEM)))).item();
        AttributeValue position = item == null ? null : item.get("position");
        return position == null ? Optional.empty() : Optional.ofNullable(position.s());
    }

    @Override
    public void savePosition(String position) {
        if (position == null) {
            dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of("deviceId", AttributeValue.fromS(POSITION_ITEM))));
        } else {
            dynamoDb.putItem(r -> r.tableName(table).item(Map.of("deviceId", AttributeValue.fromS(POSITION_ITEM),
                    "position", AttributeValue.fromS(position))));
        }
    }
}
