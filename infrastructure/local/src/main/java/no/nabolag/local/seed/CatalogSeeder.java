package no.nabolag.local.seed;

import java.util.HashMap;
import java.util.Map;
import no.nabolag.core.log.JsonLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Writes a {@link Catalog} into CatalogTable exactly as docs/data-model.md describes. Safe to run twice: items are
 * overwritten, and a district id already claimed by the same tenant is accepted.
 */
public final class CatalogSeeder {
    private static final JsonLog LOG = JsonLog.forClass(CatalogSeeder.class);

    private final DynamoDbClient dynamoDb;
    private final String table;

    public CatalogSeeder(DynamoDbClient dynamoDb, String catalogTable) {
        this.dynamoDb = dynamoDb;
        this.table = catalogTable;
    }

    public void write(Catalog catalog) {
        Catalog.Tenant tenant = catalog.tenant();
        String pk = "TENANT#" + tenant.id();
        put(Map.of("pk", s(pk), "sk", s("TENANT"), "tenantId", s(tenant.id()), "name", s(tenant.name()),
                "defaultLocale", s(tenant.defaultLocale()), "timeZone", s(tenant.timeZone())));
        for (Catalog.District district : catalog.districts()) {
            claimDistrict(tenant.id(), district.id());
            put(Map.of("pk", s(pk), "sk", s("DISTRICT#" + district.id()), "tenantId", s(tenant.id()),
                    "districtId", s(district.id()), "name", s(district.names().get(tenant.defaultLocale()) != null
                            ? district.names().get(tenant.defaultLocale()) : district.names().get("nb")),
                    "names", m(district.names())));
        }
        for (Catalog.Category category : catalog.categories()) {
            put(Map.of("pk", s(pk), "sk", s("CATEGORY#" + category.id()), "tenantId", s(tenant.id()),
                    "categoryId", s(category.id()), "names", m(category.names()),
                    "descriptions", m(category.descriptions()),
                    "order", AttributeValue.fromN(Integer.toString(category.order()))));
        }
        LOG.info("Catalog seeded", Map.of("tenantId", tenant.id(), "districts", catalog.districts().size(),
                "categories", catalog.categories().size()));
    }

    private void claimDistrict(String tenantId, String districtId) {
        Map<String, AttributeValue> item = Map.of("pk", s("DISTRICT#" + districtId), "sk", s("DISTRICT"),
                "tenantId", s(tenantId));
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            var existing = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                    .key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))).item();
            if (!tenantId.equals(existing.get("tenantId").s())) {
                throw new IllegalStateException("District " + districtId + " already belongs to another tenant");
            }
        }
    }

    private void put(Map<String, AttributeValue> item) {
        dynamoDb.putItem(r -> r.tableName(table).item(new HashMap<>(item)));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue m(Map<String, String> values) {
        Map<String, AttributeValue> map = new HashMap<>();
        values.forEach((k, v) -> map.put(k, s(v)));
        return AttributeValue.fromM(map);
    }
}
