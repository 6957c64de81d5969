package no.nabolag.core.device;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The push platform of a device; each has its SNS platform application (APNs for iOS, FCM for Android). */
public enum Platform {
    IOS("ios"), ANDROID("android");

    private final String id;

    Platform(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Platform> parse(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(p -> p.id.equals(value.toLowerCase(Locale.ROOT))).findFirst();
    }
}
