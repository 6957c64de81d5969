package no.nabolag.aws.device;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import no.nabolag.core.device.Device;
import no.nabolag.core.device.DeviceStore;
import no.nabolag.core.device.Platform;
import no.nabolag.core.device.QuietHours;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Devices in DevicesTable, one item per device (docs/data-model.md). */
public final class DynamoDbDeviceStore implements DeviceStore {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbDeviceStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<Device> find(String deviceId) {
        var item = dynamoDb.getItem(r -> r.tableName(table).key(key(deviceId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public boolean create(Device device) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(toItem(device))
                    .conditionExpression("attribute_not_exists(deviceId)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean update(Device device) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(toItem(device))
                    .conditionExpression("attribute_exists(deviceId)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void delete(String deviceId) {
        dynamoDb.deleteItem(r -> r.tableName(table).key(key(deviceId)));
    }

    private static Map<String, AttributeValue> key(String deviceId) {
        return Map.of("deviceId", AttributeValue.fromS(deviceId));
    }

    static Map<String, AttributeValue> toItem(Device d) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("deviceId", AttributeValue.fromS(d.deviceId()));
        item.put("secretHash", AttributeValue.fromS(d.secretHash()));
        item.put("platform", AttributeValue.fromS(d.platform().id()));
        item.put("pushToken", AttributeValue.fromS(d.pushToken()));
        if (d.endpointArn() != null) {
            item.put("endpointArn", AttributeValue.fromS(d.endpointArn()));
        }
        item.put("locale", AttributeValue.fromS(d.locale()));
        item.put("timeZone", AttributeValue.fromS(d.timeZone()));
        if (d.quietHours() != null) {
            item.put("quietHours", quietHours(d.quietHours()));
        }
        item.put("active", AttributeValue.fromBool(d.active()));
        item.put("createdAt", AttributeValue.fromS(d.createdAt()));
        item.put("updatedAt", AttributeValue.fromS(d.updatedAt()));
        return item;
    }

    public static AttributeValue quietHours(QuietHours q) {
        return AttributeValue.fromM(Map.of("start", AttributeValue.fromS(q.start()), "end", AttributeValue.fromS(q.end())));
    }

    public static QuietHours quietHours(AttributeValue v) {
        if (v == null || !v.hasM() || v.m().get("start") == null || v.m().get("end") == null) {
            return null;
        }
        return new QuietHours(v.m().get("start").s(), v.m().get("end").s());
    }

    static Device fromItem(Map<String, AttributeValue> item) {
        return new Device(s(item, "deviceId"), s(item, "secretHash"),
                Platform.parse(s(item, "platform")).orElse(Platform.ANDROID), s(item, "pushToken"),
                s(item, "endpointArn"), s(item, "locale"), s(item, "timeZone"), quietHours(item.get("quietHours")),
                item.get("active") == null || Boolean.TRUE.equals(item.get("active").bool()),
                s(item, "createdAt"), s(item, "updatedAt"));
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }
}
