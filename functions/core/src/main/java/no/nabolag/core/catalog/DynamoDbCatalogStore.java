package no.nabolag.core.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The catalog from CatalogTable (see docs/data-model.md). A scan of the whole table: it holds a few hundred
 * items at most, and the result is cached per container ({@link CachedCatalogStore}).
 */
public final class DynamoDbCatalogStore implements CatalogStore {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbCatalogStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Catalog load() {
        List<Tenant> tenants = new ArrayList<>();
        List<District> districts = new ArrayList<>();
        List<Category> categories = new ArrayList<>();
        var pages = dynamoDb.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build());
        for (Map<String, AttributeValue> item : pages.items()) {
            String pk = s(item, "pk");
            String sk = s(item, "sk");
            if (pk == null || sk == null || !pk.startsWith("TENANT#")) {
                continue;
            }
            if (sk.equals("TENANT")) {
                tenants.add(new Tenant(s(item, "tenantId"), s(item, "name"),
                        orElse(s(item, "defaultLocale"), "nb"), orElse(s(item, "timeZone"), "Europe/Oslo")));
            } else if (sk.startsWith("DISTRICT#")) {
                districts.add(new District(s(item, "tenantId"), s(item, "districtId"), s(item, "name"),
                        map(item, "names"), bool(item, "retired")));
            } else if (sk.startsWith("CATEGORY#")) {
                AttributeValue order = item.get("order");
                categories.add(new Category(s(item, "tenantId"), s(item, "categoryId"), map(item, "names"),
                        map(item, "descriptions"), order == null || order.n() == null ? 0 : Integer.parseInt(order.n()),
                        bool(item, "retired")));
            }
        }
        return new Catalog(tenants, districts, categories);
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v != null && Boolean.TRUE.equals(v.bool());
    }

    private static Map<String, String> map(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        Map<String, String> result = new HashMap<>();
        if (v != null && v.hasM()) {
            v.m().forEach((k, value) -> {
                if (value.s() != null) {
                    result.put(k, value.s());
                }
            });
        }
        return result;
    }
}
