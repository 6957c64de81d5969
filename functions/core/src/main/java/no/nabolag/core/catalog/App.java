package no.nabolag.core.catalog;

/**
 * A resident app of a tenant (say "Bydel Frogner" next to "Oslo kommune"): the SNS platform applications its phones'
 * push endpoints live in. App ids are unique across tenants, like district ids; at least one ARN is set. The
 * deployment's default app ({@link #DEFAULT_ID}) is not stored: its ARNs are the template parameters.
 */
public record App(String tenantId, String appId, String name, String apnsPlatformApplicationArn,
                  String fcmPlatformApplicationArn, boolean retired) {
    /** The app of devices registered without an appId; its ARNs come from the deployment's settings. */
    public static final String DEFAULT_ID = "default";
}
