package no.nabolag.aws.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import no.nabolag.core.catalog.Catalog;
import no.nabolag.core.catalog.Category;
import no.nabolag.core.catalog.District;
import no.nabolag.core.catalog.Tenant;
import no.nabolag.core.subscription.CurrentCatalog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The current catalog of the tenants of some districts: one consistent BatchGetItem of the districts' id claims
 * ({@code DISTRICT#<id>}/{@code DISTRICT}, which name their tenant), then one consistent Query per tenant (usually
 * one) through {@link DynamoDbCatalogWriter#tenantCatalog}.
 */
public final class DynamoDbCurrentCatalog implements CurrentCatalog {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final DynamoDbCatalogWriter tenants;

    public DynamoDbCurrentCatalog(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.tenants = new DynamoDbCatalogWriter(dynamoDb, table);
    }

    @Override
    public Catalog forDistricts(Collection<String> districtIds) {
        TreeSet<String> tenantIds = new TreeSet<>();
        List<String> ids = new ArrayList<>(new TreeSet<>(districtIds));
        for (int from = 0; from < ids.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + 100)).stream()
                    .map(id -> Map.of("pk", AttributeValue.fromS("DISTRICT#" + id), "sk", AttributeValue.fromS("DISTRICT")))
                    .toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                    .consistentRead(true).projectionExpression("tenantId").build());
            while (!request.isEmpty()) {
                final Map<String, KeysAndAttributes> batch = request;
                var response = dynamoDb.batchGetItem(r -> r.requestItems(batch));
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    if (item.get("tenantId") != null) {
                        tenantIds.add(item.get("tenantId").s());
                    }
                });
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        List<Tenant> found = new ArrayList<>();
        List<District> districts = new ArrayList<>();
        List<Category> categories = new ArrayList<>();
        for (String tenantId : tenantIds) {
            tenants.tenantCatalog(tenantId).ifPresent(c -> {
                found.add(c.tenant());
                districts.addAll(c.districts());
                categories.addAll(c.categories());
            });
        }
        return new Catalog(found, districts, categories);
    }
}
