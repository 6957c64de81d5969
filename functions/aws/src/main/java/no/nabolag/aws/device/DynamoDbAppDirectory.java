package no.nabolag.aws.device;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import no.nabolag.core.device.AppDirectory;
import no.nabolag.core.device.AppPlatforms;
import no.nabolag.core.device.Platform;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Apps from CatalogTable (docs/data-model.md, "Apps"): {@code APP#<appId>}/{@code APP} names the app's tenant, and
 * {@code TENANT#<tenantId>}/{@code APP#<appId>} holds its platform application ARNs. The default app is not stored:
 * its ARNs are the template parameters.
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

    /** The default app from the deployment's platform applications (either may be empty: no such pushes). */
    public static AppPlatforms defaultApp(Optional<String> apnsArn, Optional<String> fcmArn) {
        Map<Platform, String> applications = new EnumMap<>(Platform.class);
        apnsArn.ifPresent(arn -> applications.put(Platform.IOS, arn));
        fcmArn.ifPresent(arn -> applications.put(Platform.ANDROID, arn));
        return new AppPlatforms(AppPlatforms.DEFAULT_APP, null, applications);
    }

    @Override
    public Optional<AppPlatforms> find(String appId) {
        if (AppPlatforms.DEFAULT_APP.equals(appId)) {
            return Optional.of(defaultApp);
        }
        String tenantId = string(get("APP#" + appId, "APP"), "tenantId");
        if (tenantId == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> app = get("TENANT#" + tenantId, "APP#" + appId);
        if (app == null || app.isEmpty()
                || (app.get("retired") != null && Boolean.TRUE.equals(app.get("retired").bool()))) {
            return Optional.empty();
        }
        Map<Platform, String> applications = new EnumMap<>(Platform.class);
        Optional.ofNullable(string(app, "apnsPlatformApplicationArn")).filter(a -> !a.isBlank())
                .ifPresent(arn -> applications.put(Platform.IOS, arn));
        Optional.ofNullable(string(app, "fcmPlatformApplicationArn")).filter(a -> !a.isBlank())
                .ifPresent(arn -> applications.put(Platform.ANDROID, arn));
        return Optional.of(new AppPlatforms(appId, tenantId, applications));
    }

    private Map<String, AttributeValue> get(String pk, String sk) {
        return dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item == null ? null : item.get(name);
        return v == null ? null : v.s();
    }
}
