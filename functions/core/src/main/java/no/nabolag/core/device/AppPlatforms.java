package no.nabolag.core.device;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import no.nabolag.core.catalog.App;

/**
 * What a device needs of its app: the app's tenant and its SNS platform application per platform (docs/data-model.md,
 * "Apps"). The deployment's default app ({@link App#DEFAULT_ID}) has no tenant; its applications come from the
 * template parameters.
 */
public record AppPlatforms(String appId, String tenantId, Map<Platform, String> platformApplicationArns) {

    public AppPlatforms {
        platformApplicationArns = Map.copyOf(platformApplicationArns);
    }

    /** The platform application endpoints of this app are created in, if the app has one for the platform. */
    public Optional<String> platformApplication(Platform platform) {
        return Optional.ofNullable(platformApplicationArns.get(platform));
    }

    /** A municipality's app from the catalog: the platforms it has an application for. */
    public static AppPlatforms of(App app) {
        return new AppPlatforms(app.appId(), app.tenantId(),
                applications(Optional.ofNullable(app.apnsPlatformApplicationArn()),
                        Optional.ofNullable(app.fcmPlatformApplicationArn())));
    }

    /** The deployment's default app: the template's platform applications (either may be absent: no such pushes). */
    public static AppPlatforms defaultApp(Optional<String> apnsArn, Optional<String> fcmArn) {
        return new AppPlatforms(App.DEFAULT_ID, null, applications(apnsArn, fcmArn));
    }

    private static Map<Platform, String> applications(Optional<String> apnsArn, Optional<String> fcmArn) {
        Map<Platform, String> applications = new EnumMap<>(Platform.class);
        apnsArn.filter(arn -> !arn.isBlank()).ifPresent(arn -> applications.put(Platform.IOS, arn));
        fcmArn.filter(arn -> !arn.isBlank()).ifPresent(arn -> applications.put(Platform.ANDROID, arn));
        return applications;
    }
}
