package no.nabolag.core.device;

import java.util.Map;
import java.util.Optional;

/**
 * What a device needs of its app: the app's tenant and its SNS platform application per platform (docs/data-model.md,
 * "Apps"). The deployment's default app ({@link #DEFAULT_APP}) has no tenant; its applications come from the
 * template parameters.
 */
public record AppPlatforms(String appId, String tenantId, Map<Platform, String> platformApplicationArns) {
    public static final String DEFAULT_APP = "default";

    public AppPlatforms {
        platformApplicationArns = Map.copyOf(platformApplicationArns);
    }

    /** The platform application endpoints of this app are created in, if the app has one for the platform. */
    public Optional<String> platformApplication(Platform platform) {
        return Optional.ofNullable(platformApplicationArns.get(platform));
    }
}
