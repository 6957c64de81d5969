package no.nabolag.aws.device;

import no.nabolag.core.catalog.App;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nabolag.core.device.AppPlatforms;
import no.nabolag.core.device.Device;
import no.nabolag.core.device.DeviceStore;
import no.nabolag.core.device.EndpointState;
import no.nabolag.core.device.Platform;
import no.nabolag.core.device.QuietHours;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Devices in DevicesTable, one item per device (docs/data-model.md). Changes are UpdateItems of the fields they
 * change, each conditional on {@link #LIVE}: the device exists and its erasure has not begun ({@code erasingAt}).
 * {@code writers}/{@code writingUntil} count the subscription writes in progress (see DeviceStore#openWrites).
 */
public final class DynamoDbDeviceStore implements DeviceStore {
    private static final Pattern NAME = Pattern.compile("#(\\w+)");
    static final String LIVE = "attribute_exists(#deviceId) AND attribute_not_exists(#erasingAt)";
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
    public Optional<Device> updatePreferences(String deviceId, String locale, String timeZone, QuietHours quietHours,
                                              String at) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":locale", s(locale), ":zone", s(timeZone),
                ":at", s(at)));
        String expression = "SET #locale = :locale, #timeZone = :zone, #updatedAt = :at";
        if (quietHours != null) {
            values.put(":quiet", quietHours(quietHours));
            expression += ", #quietHours = :quiet";
        } else {
            expression += " REMOVE #quietHours";
        }
        return update(deviceId, expression, LIVE, values, ReturnValue.ALL_NEW);
    }

    @Override
    public Optional<Device> changeToken(String deviceId, String token, String at) {
        return update(deviceId, "SET #pushToken = :token, #tokenSince = :at, #endpointState = :pending, #updatedAt = :at",
                LIVE, Map.of(":token", s(token), ":at", s(at), ":pending", s(EndpointState.PENDING.name())),
                ReturnValue.ALL_NEW);
    }

    @Override
    public Optional<Device> requestEndpoint(String deviceId, String at) {
        return update(deviceId, "SET #endpointState = :pending, #updatedAt = :at", LIVE,
                Map.of(":at", s(at), ":pending", s(EndpointState.PENDING.name())), ReturnValue.ALL_NEW);
    }

    @Override
    public Optional<Device> endpointReady(String deviceId, String token, String endpointArn, String tokenKey,
                                          String at) {
        return update(deviceId, "SET #endpointArn = :arn, #endpointTokenKey = :key, #endpointState = :ready, "
                        + "#active = :true, #updatedAt = :at", LIVE + " AND #pushToken = :token",
                Map.of(":arn", s(endpointArn), ":key", s(tokenKey), ":ready", s(EndpointState.READY.name()),
                        ":true", AttributeValue.fromBool(true), ":at", s(at), ":token", s(token)),
                ReturnValue.ALL_OLD);
    }

    @Override
    public boolean endpointInvalid(String deviceId, String token, String at) {
        return applied(deviceId, "SET #endpointState = :invalid, #updatedAt = :at", LIVE + " AND #pushToken = :token",
                Map.of(":invalid", s(EndpointState.INVALID.name()), ":at", s(at), ":token", s(token)));
    }

    @Override
    public void seen(String deviceId, String day) {
        applied(deviceId, "SET #lastSeenDay = :day",
                LIVE + " AND (attribute_not_exists(#lastSeenDay) OR #lastSeenDay <> :day)", Map.of(":day", s(day)));
    }

    @Override
    public Optional<Device> markErasing(String deviceId, String at) {
        return update(deviceId, "SET #erasingAt = if_not_exists(#erasingAt, :at)", "attribute_exists(#deviceId)",
                Map.of(":at", s(at)), ReturnValue.ALL_NEW);
    }

    @Override
    public Optional<Device> openWrites(String deviceId, Instant until) {
        return update(deviceId, "ADD #writers :one SET #writingUntil = :until", LIVE,
                Map.of(":one", AttributeValue.fromN("1"), ":until", AttributeValue.fromN(Long.toString(until.toEpochMilli()))),
                ReturnValue.ALL_NEW);
    }

    @Override
    public Optional<Device> closeWrites(String deviceId) {
        return update(deviceId, "ADD #writers :minusOne", "attribute_exists(#deviceId)",
                Map.of(":minusOne", AttributeValue.fromN("-1")), ReturnValue.ALL_NEW);
    }

    @Override
    public boolean writesOpen(String deviceId, Instant now) {
        var item = dynamoDb.getItem(r -> r.tableName(table).key(key(deviceId)).consistentRead(true)
                .projectionExpression("writers, writingUntil")).item();
        if (item == null || item.isEmpty()) {
            return false;
        }
        return number(item, "writers") > 0 && number(item, "writingUntil") > now.toEpochMilli();
    }

    @Override
    public void delete(String deviceId) {
        dynamoDb.deleteItem(r -> r.tableName(table).key(key(deviceId)));
    }

    /** One conditional UpdateItem returning the device as {@code returns} says; empty when the condition failed. */
    private Optional<Device> update(String deviceId, String expression, String condition,
                                    Map<String, AttributeValue> values, ReturnValue returns) {
        return apply(deviceId, expression, condition, values, returns).map(DynamoDbDeviceStore::fromItem);
    }

    /** Whether the conditional UpdateItem was applied. */
    private boolean applied(String deviceId, String expression, String condition, Map<String, AttributeValue> values) {
        return apply(deviceId, expression, condition, values, ReturnValue.NONE).isPresent();
    }

    private Optional<Map<String, AttributeValue>> apply(String deviceId, String expression, String condition,
                                                         Map<String, AttributeValue> values, ReturnValue returns) {
        try {
            return Optional.of(dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table).key(key(deviceId))
                    .updateExpression(expression).conditionExpression(condition)
                    .expressionAttributeNames(names(expression + " " + condition)).expressionAttributeValues(values)
                    .returnValues(returns).build()).attributes());
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** Every attribute is written as #name (several, like timeZone, are DynamoDB reserved words). */
    private static Map<String, String> names(String expressions) {
        Map<String, String> names = new HashMap<>();
        Matcher m = NAME.matcher(expressions);
        while (m.find()) {
            names.put("#" + m.group(1), m.group(1));
        }
        return names;
    }

    private static Map<String, AttributeValue> key(String deviceId) {
        return Map.of("deviceId", AttributeValue.fromS(deviceId));
    }

    static Map<String, AttributeValue> toItem(Device d) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("deviceId", s(d.deviceId()));
        item.put("appId", s(d.appId()));
        item.put("secretHash", s(d.secretHash()));
        item.put("platform", s(d.platform().id()));
        item.put("pushToken", s(d.pushToken()));
        item.put("tokenSince", s(d.tokenSince()));
        if (d.endpointArn() != null) {
            item.put("endpointArn", s(d.endpointArn()));
        }
        if (d.endpointTokenKey() != null) {
            item.put("endpointTokenKey", s(d.endpointTokenKey()));
        }
        item.put("endpointState", s(d.endpointState().name()));
        item.put("locale", s(d.locale()));
        item.put("timeZone", s(d.timeZone()));
        if (d.quietHours() != null) {
            item.put("quietHours", quietHours(d.quietHours()));
        }
        item.put("active", AttributeValue.fromBool(d.active()));
        if (d.lastSeenDay() != null) {
            item.put("lastSeenDay", s(d.lastSeenDay()));
        }
        item.put("createdAt", s(d.createdAt()));
        item.put("updatedAt", s(d.updatedAt()));
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

    /** A device item; items stored before apps and asynchronous endpoints read as the default app, READY. */
    public static Device fromItem(Map<String, AttributeValue> item) {
        String createdAt = string(item, "createdAt");
        String appId = string(item, "appId");
        String tokenSince = string(item, "tokenSince");
        return new Device(string(item, "deviceId"), appId == null ? App.DEFAULT_ID : appId,
                string(item, "secretHash"), Platform.parse(string(item, "platform")).orElse(Platform.ANDROID),
                string(item, "pushToken"), tokenSince == null ? createdAt : tokenSince, string(item, "endpointArn"),
                string(item, "endpointTokenKey"), EndpointState.parse(string(item, "endpointState")),
                string(item, "locale"), string(item, "timeZone"), quietHours(item.get("quietHours")),
                item.get("active") == null || Boolean.TRUE.equals(item.get("active").bool()),
                string(item, "lastSeenDay"), createdAt, string(item, "updatedAt"), item.containsKey("erasingAt"));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }
}
