package no.nabolag.aws.catalog;

import static no.nabolag.aws.dynamo.Attributes.bool;
import static no.nabolag.aws.dynamo.Attributes.number;
import static no.nabolag.aws.dynamo.Attributes.string;
import static no.nabolag.aws.dynamo.Attributes.texts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nabolag.core.catalog.App;
import no.nabolag.core.catalog.Catalog;
import no.nabolag.core.catalog.CatalogStore;
import no.nabolag.core.catalog.Category;
import no.nabolag.core.catalog.District;
import no.nabolag.core.catalog.Tenant;
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
        List<App> apps = new ArrayList<>();
        var pages = dynamoDb.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build());
        for (Map<String, AttributeValue> item : pages.items()) {
            String pk = string(item, "pk");
            String sk = string(item, "sk");
            if (pk == null || sk == null || !pk.startsWith("TENANT#")) {
                continue;
            }
            if (sk.equals("TENANT")) {
                tenants.add(new Tenant(string(item, "tenantId"), string(item, "name"),
                        orElse(string(item, "defaultLocale"), "nb"),
                        orElse(string(item, "timeZone"), "Europe/Oslo")));
            } else if (sk.startsWith("DISTRICT#")) {
                districts.add(new District(string(item, "tenantId"), string(item, "districtId"),
                        string(item, "name"), texts(item, "names"), bool(item, "retired")));
            } else if (sk.startsWith("CATEGORY#")) {
                categories.add(new Category(string(item, "tenantId"), string(item, "categoryId"),
                        texts(item, "names"), texts(item, "descriptions"), (int) number(item, "order"),
                        bool(item, "retired")));
            } else if (sk.startsWith("APP#")) {
                apps.add(DynamoDbCatalogWriter.toApp(item));
            }
        }
        return new Catalog(tenants, districts, categories, apps);
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
