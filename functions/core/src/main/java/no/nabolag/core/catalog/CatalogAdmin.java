package no.nabolag.core.catalog;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nabolag.core.error.ConflictException;
import no.nabolag.core.error.FieldError;
import no.nabolag.core.error.InvalidInputException;
import no.nabolag.core.error.NotFoundException;

/**
 * Setting up and changing a municipality's catalog: tenants, districts, categories and apps. Puts are idempotent
 * (an identical put writes nothing and reports UNCHANGED); categories and districts are retired, never erased,
 * so subscriptions and posts that name them keep working.
 */
public final class CatalogAdmin {
    private static final no.nabolag.core.log.JsonLog LOG = no.nabolag.core.log.JsonLog.forClass(CatalogAdmin.class);
    public static final Set<String> LANGUAGES = Set.of("nb", "nn", "en", "se");
    public static final int MAX_ID = 63;
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 300;
    public static final int MAX_ORDER = 9999;
    /** The default of the template parameter PlatformApplicationNamePrefix (setting PLATFORM_APPLICATION_NAME_PREFIX). */
    public static final String DEFAULT_PLATFORM_APPLICATION_PREFIX = "nabolag-";
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    /**
     * An SNS platform application ARN: arn:partition:sns:region:account:app/PLATFORM/name, where SNS allows names of
     * 1-256 ASCII letters, digits, underscores, hyphens and periods.
     */
    private static final Pattern PLATFORM_APPLICATION_ARN = Pattern.compile(
            "arn:aws(?:-cn|-us-gov)?:sns:[a-z]{2}(?:-[a-z]+)+-\\d{1,2}:\\d{12}:app/(APNS|APNS_SANDBOX|GCM)/([A-Za-z0-9_.-]{1,256})");

    private final CatalogWriter writer;
    private final Predicate<String> districtHasSubscribers;
    private final String platformApplicationPrefix;

    public CatalogAdmin(CatalogWriter writer, Predicate<String> districtHasSubscribers) {
        this(writer, districtHasSubscribers, DEFAULT_PLATFORM_APPLICATION_PREFIX);
    }

    /**
     * @param platformApplicationPrefix the name every app's platform applications must start with, so the functions'
     *                                  IAM policies (scoped to that prefix) cover them; "" accepts any name
     */
    public CatalogAdmin(CatalogWriter writer, Predicate<String> districtHasSubscribers, String platformApplicationPrefix) {
        this.writer = writer;
        this.districtHasSubscribers = districtHasSubscribers;
        this.platformApplicationPrefix = platformApplicationPrefix == null ? "" : platformApplicationPrefix;
    }

    /** What a put did. */
    public enum Change { CREATED, UPDATED, UNCHANGED }

    public record Result<T>(Change change, T value) {
    }

    public record TenantInput(String name, String defaultLocale, String timeZone) {
    }

    public record DistrictInput(String name, Map<String, String> names) {
    }

    public record CategoryInput(Map<String, String> names, Map<String, String> descriptions, Integer order) {
    }

    public record AppInput(String name, String apnsPlatformApplicationArn, String fcmPlatformApplicationArn) {
    }

    public CatalogWriter.TenantCatalog tenant(String tenantId) {
        return writer.tenantCatalog(tenantId)
                .orElseThrow(() -> new NotFoundException("No tenant " + tenantId));
    }

    public Result<Tenant> putTenant(String tenantId, TenantInput input) {
        List<FieldError> errors = new ArrayList<>();
        slug("tenantId", tenantId, errors);
        String name = name("name", input.name(), errors);
        if (input.defaultLocale() == null || !LANGUAGES.contains(input.defaultLocale())) {
            errors.add(new FieldError("defaultLocale", "must be one of " + new java.util.TreeSet<>(LANGUAGES)));
        }
        if (input.timeZone() == null || !validZone(input.timeZone())) {
            errors.add(new FieldError("timeZone", "must be an IANA time zone such as Europe/Oslo"));
        }
        failOn(errors);
        Tenant tenant = new Tenant(tenantId, name, input.defaultLocale(), input.timeZone());
        var existing = writer.tenantCatalog(tenantId).map(CatalogWriter.TenantCatalog::tenant);
        if (existing.isPresent() && existing.get().equals(tenant)) {
            return new Result<>(Change.UNCHANGED, tenant);
        }
        writer.putTenant(tenant);
        return new Result<>(existing.isPresent() ? Change.UPDATED : Change.CREATED, tenant);
    }

    public Result<District> putDistrict(String tenantId, String districtId, DistrictInput input) {
        List<FieldError> errors = new ArrayList<>();
        slug("districtId", districtId, errors);
        String name = name("name", input.name(), errors);
        Map<String, String> names = texts("names", input.names(), MAX_NAME, false, errors);
        failOn(errors);
        CatalogWriter.TenantCatalog catalog = tenant(tenantId);
        District district = new District(tenantId, districtId, name, names, false);
        var existing = catalog.district(districtId);
        if (existing.isPresent() && existing.get().equals(district)) {
            return new Result<>(Change.UNCHANGED, district);
        }
        if (!writer.putDistrict(district)) {
            throw new ConflictException("District id " + districtId + " belongs to another tenant; district ids are "
                    + "unique across tenants so residents can follow districts of several municipalities");
        }
        return new Result<>(existing.isPresent() ? Change.UPDATED : Change.CREATED, district);
    }

    public Result<Category> putCategory(String tenantId, String categoryId, CategoryInput input) {
        List<FieldError> errors = new ArrayList<>();
        slug("categoryId", categoryId, errors);
        Map<String, String> names = texts("names", input.names(), MAX_NAME, true, errors);
        Map<String, String> descriptions = texts("descriptions", input.descriptions(), MAX_DESCRIPTION, false, errors);
        int order = input.order() == null ? 0 : input.order();
        if (order < 0 || order > MAX_ORDER) {
            errors.add(new FieldError("order", "must be a whole number from 0 to " + MAX_ORDER));
        }
        failOn(errors);
        CatalogWriter.TenantCatalog catalog = tenant(tenantId);
        String defaultLocale = catalog.tenant().defaultLocale();
        if (!names.containsKey(defaultLocale)) {
            failOn(List.of(new FieldError("names." + defaultLocale,
                    "is required: it is the tenant's default language")));
        }
        Category category = new Category(tenantId, categoryId, names, descriptions, order, false);
        var existing = catalog.category(categoryId);
        if (existing.isPresent() && existing.get().equals(category)) {
            return new Result<>(Change.UNCHANGED, category);
        }
        writer.putCategory(category);
        return new Result<>(existing.isPresent() ? Change.UPDATED : Change.CREATED, category);
    }

    /**
     * Creates or replaces an app of a tenant (PUT semantics: an ARN left out is removed). A retired app is restored.
     * App ids are unique across tenants (409 when another tenant has it); {@value App#DEFAULT_ID} is the deployment's.
     */
    public Result<App> putApp(String tenantId, String appId, AppInput input) {
        List<FieldError> errors = new ArrayList<>();
        slug("appId", appId, errors);
        if (App.DEFAULT_ID.equals(appId)) {
            errors.add(new FieldError("appId", "\"" + App.DEFAULT_ID + "\" is the deployment's default app (its ARNs "
                    + "are the template parameters); choose another id"));
        }
        String name = name("name", input.name(), errors);
        String apns = platformApplicationArn("apnsPlatformApplicationArn", input.apnsPlatformApplicationArn(),
                Set.of("APNS", "APNS_SANDBOX"), "app/APNS/<name> or app/APNS_SANDBOX/<name>", errors);
        String fcm = platformApplicationArn("fcmPlatformApplicationArn", input.fcmPlatformApplicationArn(),
                Set.of("GCM"), "app/GCM/<name>", errors);
        if (input.apnsPlatformApplicationArn() == null && input.fcmPlatformApplicationArn() == null) {
            errors.add(new FieldError("apnsPlatformApplicationArn",
                    "at least one of apnsPlatformApplicationArn and fcmPlatformApplicationArn is required"));
        }
        failOn(errors);
        CatalogWriter.TenantCatalog catalog = tenant(tenantId);
        App app = new App(tenantId, appId, name, apns, fcm, false);
        var existing = catalog.app(appId);
        if (existing.isPresent() && existing.get().equals(app)) {
            return new Result<>(Change.UNCHANGED, app);
        }
        if (!writer.putApp(app)) {
            throw new ConflictException("App id " + appId + " belongs to another tenant; app ids are unique across "
                    + "tenants because a device names only its app");
        }
        return new Result<>(existing.isPresent() ? Change.UPDATED : Change.CREATED, app);
    }

    /** Retires an app: no new devices register with it; devices already registered keep it. Idempotent. */
    public Result<App> retireApp(String tenantId, String appId) {
        App app = tenant(tenantId).app(appId)
                .orElseThrow(() -> new NotFoundException("No app " + appId + " in tenant " + tenantId));
        if (app.retired()) {
            return new Result<>(Change.UNCHANGED, app);
        }
        App retired = new App(tenantId, appId, app.name(), app.apnsPlatformApplicationArn(),
                app.fcmPlatformApplicationArn(), true);
        writer.putApp(retired);
        return new Result<>(Change.UPDATED, retired);
    }

    /** Retires a category: gone from the catalog and the form; subscriptions and posts keep it. Idempotent. */
    public Result<Category> retireCategory(String tenantId, String categoryId) {
        Category category = tenant(tenantId).category(categoryId)
                .orElseThrow(() -> new NotFoundException("No category " + categoryId + " in tenant " + tenantId));
        if (category.retired()) {
            return new Result<>(Change.UNCHANGED, category);
        }
        Category retired = new Category(tenantId, categoryId, category.names(), category.descriptions(),
                category.order(), true);
        writer.putCategory(retired);
        return new Result<>(Change.UPDATED, retired);
    }

    /** Retires a district nobody follows; refused while it has subscribers. Idempotent. */
    public Result<District> retireDistrict(String tenantId, String districtId) {
        District district = tenant(tenantId).district(districtId)
                .orElseThrow(() -> new NotFoundException("No district " + districtId + " in tenant " + tenantId));
        if (district.retired()) {
            return new Result<>(Change.UNCHANGED, district);
        }
        if (districtHasSubscribers.test(districtId)) {
            throw new ConflictException("District " + districtId + " has subscribers and cannot be deleted; "
                    + "rename it instead, or ask residents to move first");
        }
        District retired = new District(tenantId, districtId, district.name(), district.names(), true);
        writer.putDistrict(retired);
        return new Result<>(Change.UPDATED, retired);
    }

    private static void slug(String field, String id, List<FieldError> errors) {
        if (id == null || id.length() > MAX_ID || !SLUG.matcher(id).matches()) {
            errors.add(new FieldError(field, "must be a lowercase slug of a-z, 0-9 and single dashes, at most "
                    + MAX_ID + " characters"));
        }
    }

    /** The ARN when absent (null) or valid for one of the platforms; otherwise an error naming the field. */
    private String platformApplicationArn(String field, String arn, Set<String> platforms, String shape,
                                          List<FieldError> errors) {
        if (arn == null) {
            return null;
        }
        Matcher m = PLATFORM_APPLICATION_ARN.matcher(arn);
        if (!m.matches() || !platforms.contains(m.group(1))) {
            errors.add(new FieldError(field, "must be an SNS platform application ARN, "
                    + "arn:aws:sns:<region>:<account>:" + shape + ", or left out"));
        } else if (!m.group(2).startsWith(platformApplicationPrefix)) {
            // Accepted, not refused: the emulator and other deployments (a wider IAM policy) can use any name, and
            // refusing would break an app whose platform application cannot be renamed. In AWS the functions'
            // policy covers only the prefix, so say so loudly where an operator looks.
            LOG.warn("app platform application outside PlatformApplicationNamePrefix: the functions' IAM policy "
                    + "does not cover it", java.util.Map.of("field", field, "prefix", platformApplicationPrefix));
        }
        return arn;
    }

    private static String name(String field, String value, List<FieldError> errors) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
        } else if (stripped.length() > MAX_NAME) {
            errors.add(new FieldError(field, "must be at most " + MAX_NAME + " characters"));
        }
        return stripped;
    }

    private static Map<String, String> texts(String field, Map<String, String> texts, int max, boolean required,
                                             List<FieldError> errors) {
        Map<String, String> result = new TreeMap<>();
        if (texts == null || texts.isEmpty()) {
            if (required) {
                errors.add(new FieldError(field, "is required, with a text per language (nb, en)"));
            }
            return result;
        }
        texts.forEach((language, text) -> {
            String stripped = text == null ? "" : text.strip();
            if (!LANGUAGES.contains(language)) {
                errors.add(new FieldError(field + "." + language, "is not a supported language; use one of "
                        + new java.util.TreeSet<>(LANGUAGES)));
            } else if (stripped.isEmpty()) {
                errors.add(new FieldError(field + "." + language, "must not be empty"));
            } else if (stripped.length() > max) {
                errors.add(new FieldError(field + "." + language, "must be at most " + max + " characters"));
            } else {
                result.put(language, stripped);
            }
        });
        return result;
    }

    private static boolean validZone(String zone) {
        try {
            return Objects.equals(ZoneId.of(zone).getId(), zone) && zone.contains("/");
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static void failOn(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
