package no.nabolag.core.organization;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** One query on {@code pk = TENANT#<tenantId>} returns the tenant item, its districts and its categories. */
public final class DynamoDbCatalogReader implements CatalogReader {
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Oslo");
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbCatalogReader(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<TenantCatalog> tenant(String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            return Optional.empty();
        }
        QueryRequest request = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#" + tenantId)))
                .build();
        Map<String, AttributeValue> tenant = null;
        List<TenantCatalog.Entry> districts = new ArrayList<>();
        List<TenantCatalog.Entry> categories = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamoDb.queryPaginator(request).items()) {
            String sk = item.get("sk").s();
            if (sk.equals("TENANT")) {
                tenant = item;
            } else if (sk.startsWith("DISTRICT#")) {
                districts.add(entry(sk.substring("DISTRICT#".length()), item));
            } else if (sk.startsWith("CATEGORY#")) {
                categories.add(entry(sk.substring("CATEGORY#".length()), item));
            }
        }
        if (tenant == null) {
            return Optional.empty();
        }
        districts.sort(Comparator.comparing((TenantCatalog.Entry e) -> e.name("nb")));
        categories.sort(Comparator.comparingInt(TenantCatalog.Entry::order).thenComparing(TenantCatalog.Entry::id));
        return Optional.of(new TenantCatalog(tenantId, text(tenant, "name", tenantId), zone(text(tenant, "timeZone", null)),
                districts, categories));
    }

    private static TenantCatalog.Entry entry(String id, Map<String, AttributeValue> item) {
        Map<String, String> names = new HashMap<>();
        AttributeValue namesValue = item.get("names");
        if (namesValue != null && namesValue.hasM()) {
            namesValue.m().forEach((language, value) -> {
                if (value.s() != null) {
                    names.put(language, value.s());
                }
            });
        }
        String name = text(item, "name", null);
        if (name != null) {
            names.putIfAbsent("nb", name);
        }
        AttributeValue order = item.get("order");
        AttributeValue retired = item.get("retired");
        return new TenantCatalog.Entry(id, names,
                order != null && order.n() != null ? (int) Double.parseDouble(order.n()) : Integer.MAX_VALUE,
                retired != null && Boolean.TRUE.equals(retired.bool()));
    }

    private static ZoneId zone(String id) {
        if (id == null) {
            return DEFAULT_ZONE;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return DEFAULT_ZONE;
        }
    }

    private static String text(Map<String, AttributeValue> item, String name, String fallback) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? fallback : value.s();
    }
}
