package no.nabolag.aws.catalog;

import static no.nabolag.aws.dynamo.Attributes.bool;
import static no.nabolag.aws.dynamo.Attributes.n;
import static no.nabolag.aws.dynamo.Attributes.s;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nabolag.aws.dynamo.Attributes;
import no.nabolag.core.catalog.App;
import no.nabolag.core.catalog.CatalogWriter;
import no.nabolag.core.catalog.Category;
import no.nabolag.core.catalog.District;
import no.nabolag.core.catalog.Tenant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** CatalogWriter on CatalogTable, with the item layout of docs/data-model.md (the one DynamoDbCatalogStore reads). */
public final class DynamoDbCatalogWriter implements CatalogWriter {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbCatalogWriter(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<TenantCatalog> tenantCatalog(String tenantId) {
        Tenant tenant = null;
        List<District> districts = new ArrayList<>();
        List<Category> categories = new ArrayList<>();
        List<App> apps = new ArrayList<>();
        var items = dynamoDb.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("TENANT#" + tenantId))).build()).items();
        for (Map<String, AttributeValue> item : items) {
            String sk = Attributes.string(item, "sk");
            if (sk.equals("TENANT")) {
                tenant = new Tenant(tenantId, Attributes.string(item, "name"),
                        Attributes.string(item, "defaultLocale"), Attributes.string(item, "timeZone"));
            } else if (sk.startsWith("DISTRICT#")) {
                districts.add(new District(tenantId, Attributes.string(item, "districtId"),
                        Attributes.string(item, "name"), Attributes.texts(item, "names"),
                        Attributes.bool(item, "retired")));
            } else if (sk.startsWith("CATEGORY#")) {
                categories.add(new Category(tenantId, Attributes.string(item, "categoryId"),
                        Attributes.texts(item, "names"),
                        Attributes.texts(item, "descriptions"), (int) Attributes.number(item, "order"),
                        Attributes.bool(item, "retired")));
            } else if (sk.startsWith("APP#")) {
                apps.add(toApp(item));
            }
        }
        return tenant == null ? Optional.empty() : Optional.of(new TenantCatalog(tenant, districts, categories, apps));
    }

    @Override
    public void putTenant(Tenant tenant) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("TENANT#" + tenant.tenantId()));
        item.put("sk", s("TENANT"));
        item.put("tenantId", s(tenant.tenantId()));
        item.put("name", s(tenant.name()));
        item.put("defaultLocale", s(tenant.defaultLocale()));
        item.put("timeZone", s(tenant.timeZone()));
        dynamoDb.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public boolean putDistrict(District district) {
        // Claim the id first: a crash after the claim leaves an unused claim for this tenant, which a retry reuses.
        try {
            dynamoDb.putItem(r -> r.tableName(table)
                    .item(Map.of("pk", s("DISTRICT#" + district.districtId()), "sk", s("DISTRICT"),
                            "tenantId", s(district.tenantId())))
                    .conditionExpression("attribute_not_exists(pk) OR tenantId = :tenant")
                    .expressionAttributeValues(Map.of(":tenant", s(district.tenantId()))));
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("TENANT#" + district.tenantId()));
        item.put("sk", s("DISTRICT#" + district.districtId()));
        item.put("tenantId", s(district.tenantId()));
        item.put("districtId", s(district.districtId()));
        item.put("name", s(district.name()));
        item.put("names", textMap(district.names()));
        item.put("retired", bool(district.retired()));
        dynamoDb.putItem(r -> r.tableName(table).item(item));
        return true;
    }

    @Override
    public void putCategory(Category category) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("TENANT#" + category.tenantId()));
        item.put("sk", s("CATEGORY#" + category.categoryId()));
        item.put("tenantId", s(category.tenantId()));
        item.put("categoryId", s(category.categoryId()));
        item.put("names", textMap(category.names()));
        item.put("descriptions", textMap(category.descriptions()));
        item.put("order", n(category.order()));
        item.put("retired", bool(category.retired()));
        dynamoDb.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public boolean putApp(App app) {
        // As for districts: claim the id across tenants first; a claim left by a crash is reused by the retry.
        try {
            dynamoDb.putItem(r -> r.tableName(table)
                    .item(Map.of("pk", s("APP#" + app.appId()), "sk", s("APP"), "tenantId", s(app.tenantId())))
                    .conditionExpression("attribute_not_exists(pk) OR tenantId = :tenant")
                    .expressionAttributeValues(Map.of(":tenant", s(app.tenantId()))));
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("TENANT#" + app.tenantId()));
        item.put("sk", s("APP#" + app.appId()));
        item.put("tenantId", s(app.tenantId()));
        item.put("appId", s(app.appId()));
        item.put("name", s(app.name()));
        Attributes.putIfPresent(item, "apnsPlatformApplicationArn", app.apnsPlatformApplicationArn());
        Attributes.putIfPresent(item, "fcmPlatformApplicationArn", app.fcmPlatformApplicationArn());
        item.put("retired", bool(app.retired()));
        dynamoDb.putItem(r -> r.tableName(table).item(item));
        return true;
    }

    /** An APP# item of a tenant (the layout {@link #putApp} writes); also read alone by DynamoDbAppDirectory. */
    public static App toApp(Map<String, AttributeValue> item) {
        return new App(Attributes.string(item, "tenantId"), Attributes.string(item, "appId"),
                Attributes.string(item, "name"), Attributes.string(item, "apnsPlatformApplicationArn"),
                Attributes.string(item, "fcmPlatformApplicationArn"), Attributes.bool(item, "retired"));
    }

    private static AttributeValue textMap(Map<String, String> texts) {
        Map<String, AttributeValue> m = new HashMap<>();
        texts.forEach((k, v) -> m.put(k, s(v)));
        return AttributeValue.fromM(m);
    }
}
