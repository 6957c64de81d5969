package no.nabolag.aws.device;

import java.util.Map;
import java.util.Optional;
import no.nabolag.aws.catalog.DynamoDbCatalogWriter;
import no.nabolag.aws.dynamo.Attributes;
import no.nabolag.core.catalog.App;
import no.nabolag.core.device.AppDirectory;
import no.nabolag.core.device.AppPlatforms;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Apps from CatalogTable (docs/data-model.md, "Apps"), one app at a time and read consistently, so an app created a
 * moment before a registration is found (the cached whole catalog would not see it for up to its TTL):
 * {@code APP#<appId>}/{@code APP} names the app's tenant, and {@code TENANT#<tenantId>}/{@code APP#<appId>} is the
 * app as catalog administration writes it. The default app ({@link App#DEFAULT_ID}) is not stored: its ARNs are the
 * template parameters.
 */
public final class DynamoDbAppDirectory implements AppDirectory {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final AppPlatforms defaultApp;

    public DynamoDbAppDirectory(DynamoDbClient dynamoDb, String catalogTable, AppPlatforms defaultApp) {
        this.dynamoDb = dynamoDb;
        this.table = catalogTable;
        this.defaultApp = defaultApp;
    }

    @Override
    public Optional<AppPlatforms> find(String appId) {
        if (App.DEFAULT_ID.equals(appId)) {
            return Optional.of(defaultApp);
        }
        String tenantId = Attributes.string(get("APP#" + appId, "APP"), "tenantId");
        if (tenantId == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = get("TENANT#" + tenantId, "APP#" + appId);
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        App app = DynamoDbCatalogWriter.toApp(item);
        return app.retired() ? Optional.empty() : Optional.of(AppPlatforms.of(app));
    }

    private Map<String, AttributeValue> get(String pk, String sk) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
        return item == null ? Map.of() : item;
    }
}
