package no.nabolag.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nabolag.core.error.ConflictException;
import no.nabolag.core.error.FieldError;
import no.nabolag.core.error.InvalidInputException;
import no.nabolag.core.error.NotFoundException;
import org.junit.jupiter.api.Test;

/** The rules of a tenant's apps: id, name and SNS platform application ARNs, checked before anything is stored. */
class CatalogAdminAppsTest {
    private static final String APNS = "arn:aws:sns:eu-north-1:123456789012:app/APNS/nabolag-frogner-ios";
    private static final String FCM = "arn:aws:sns:eu-north-1:123456789012:app/GCM/nabolag-frogner-android";

    private final Writer writer = new Writer();
    private final CatalogAdmin admin = new CatalogAdmin(writer, districtId -> false, "nabolag-");

    CatalogAdminAppsTest() {
        writer.putTenant(new Tenant("oslo", "Oslo kommune", "nb", "Europe/Oslo"));
        writer.putTenant(new Tenant("baerum", "Bærum kommune", "nb", "Europe/Oslo"));
    }

    @Test
    void anAppIsCreatedThenUnchangedThenUpdatedWithEitherArnAlone() {
        var created = admin.putApp("oslo", "bydel-frogner", new CatalogAdmin.AppInput("Bydel Frogner", APNS, FCM));
        var again = admin.putApp("oslo", "bydel-frogner", new CatalogAdmin.AppInput("Bydel Frogner", APNS, FCM));
        var iosOnly = admin.putApp("oslo", "bydel-frogner", new CatalogAdmin.AppInput("Bydel Frogner", APNS, null));

        assertThat(created.change()).isEqualTo(CatalogAdmin.Change.CREATED);
        assertThat(again.change()).isEqualTo(CatalogAdmin.Change.UNCHANGED);
        assertThat(iosOnly.change()).isEqualTo(CatalogAdmin.Change.UPDATED);
        assertThat(writer.tenantCatalog("oslo").orElseThrow().app("bydel-frogner")).contains(
                new App("oslo", "bydel-frogner", "Bydel Frogner", APNS, null, false));
    }

    @Test
    void sandboxApnsAndOtherPartitionsAreAccepted() {
        String sandbox = "arn:aws:sns:us-gov-west-1:123456789012:app/APNS_SANDBOX/nabolag-test.app_1";
        String china = "arn:aws-cn:sns:cn-north-1:123456789012:app/GCM/nabolag-cn";

        assertThat(admin.putApp("oslo", "test-app", new CatalogAdmin.AppInput("Test", sandbox, china)).change())
                .isEqualTo(CatalogAdmin.Change.CREATED);
    }

    @Test
    void everyMalformedArnIsRefusedNamingItsField() {
        List<String> badApns = List.of(
                FCM,                                                                  // the other platform
                "arn:aws:sns:eu-north-1:123456789012:endpoint/APNS/nabolag-x/abc",  // an endpoint, not an app
                "arn:aws:sns:eu-north-1:12345:app/APNS/nabolag-x",                   // account of 5 digits
                "arn:aws:sqs:eu-north-1:123456789012:app/APNS/nabolag-x",            // another service
                "arn:aws:sns:eu-north-1:123456789012:app/APNS/nabolag x",            // a space in the name
                "arn:aws:sns:eu-north-1:123456789012:app/APNS/",                     // no name
                " " + APNS,                                                          // not trimmed for you
                "");
        for (String arn : badApns) {
            assertThat(fields(() -> admin.putApp("oslo", "a", new CatalogAdmin.AppInput("A", arn, FCM))))
                    .as(arn).containsExactly("apnsPlatformApplicationArn");
        }
        assertThat(fields(() -> admin.putApp("oslo", "a", new CatalogAdmin.AppInput("A", APNS, APNS))))
                .containsExactly("fcmPlatformApplicationArn");
        assertThat(writer.apps).isEmpty();
    }

    @Test
    void platformApplicationsOutsideTheDeploymentsPrefixAreAcceptedWithAWarningNotRefused() {
        String foreign = "arn:aws:sns:eu-north-1:123456789012:app/GCM/frogner-android";

        assertThat(admin.putApp("oslo", "a", new CatalogAdmin.AppInput("A", null, foreign)).change())
                .isEqualTo(CatalogAdmin.Change.CREATED);
        assertThat(writer.apps).hasSize(1);
    }

    @Test
    void anAppNeedsAnIdANameAndAtLeastOneArnAndDefaultIsTheDeployments() {
        assertThat(fields(() -> admin.putApp("oslo", "Bad_Id", new CatalogAdmin.AppInput(" ", null, null))))
                .containsExactlyInAnyOrder("appId", "name", "apnsPlatformApplicationArn");
        assertThat(fields(() -> admin.putApp("oslo", App.DEFAULT_ID, new CatalogAdmin.AppInput("Default", APNS, null))))
                .containsExactly("appId");
    }

    @Test
    void anAppIdBelongsToOneTenantAndAnUnknownTenantHasNoApps() {
        admin.putApp("oslo", "bydel-frogner", new CatalogAdmin.AppInput("Bydel Frogner", APNS, null));

        ConflictException taken = catchThrowableOfType(() -> admin.putApp("baerum", "bydel-frogner",
                new CatalogAdmin.AppInput("Not Frogner", APNS, null)), ConflictException.class);
        NotFoundException noTenant = catchThrowableOfType(() -> admin.putApp("atlantis", "x",
                new CatalogAdmin.AppInput("X", APNS, null)), NotFoundException.class);

        assertThat(taken).hasMessageContaining("another tenant");
        assertThat(noTenant).hasMessageContaining("atlantis");
        assertThat(writer.tenantCatalog("baerum").orElseThrow().apps()).isEmpty();
    }

    @Test
    void retiringIsIdempotentAndAPutRestores() {
        admin.putApp("oslo", "bydel-frogner", new CatalogAdmin.AppInput("Bydel Frogner", APNS, FCM));

        var retired = admin.retireApp("oslo", "bydel-frogner");
        var again = admin.retireApp("oslo", "bydel-frogner");
        var restored = admin.putApp("oslo", "bydel-frogner", new CatalogAdmin.AppInput("Bydel Frogner", APNS, FCM));

        assertThat(retired.change()).isEqualTo(CatalogAdmin.Change.UPDATED);
        assertThat(retired.value().retired()).isTrue();
        assertThat(again.change()).isEqualTo(CatalogAdmin.Change.UNCHANGED);
        assertThat(restored.change()).isEqualTo(CatalogAdmin.Change.UPDATED);
        assertThat(restored.value().retired()).isFalse();
        assertThat(catchThrowableOfType(() -> admin.retireApp("oslo", "nope"), NotFoundException.class))
                .hasMessageContaining("nope");
    }

    private static List<String> fields(Runnable call) {
        InvalidInputException e = catchThrowableOfType(call::run, InvalidInputException.class);
        assertThat(e).as("invalid input").isNotNull();
        return e.errors().stream().map(FieldError::field).toList();
    }

    /** The writer's contract, in memory: an app id is claimed by the first tenant that puts it. */
    private static final class Writer implements CatalogWriter {
        final Map<String, Tenant> tenants = new HashMap<>();
        final Map<String, App> apps = new HashMap<>();

        @Override
        public Optional<TenantCatalog> tenantCatalog(String tenantId) {
            return Optional.ofNullable(tenants.get(tenantId)).map(t -> new TenantCatalog(t, List.of(), List.of(),
                    new ArrayList<>(apps.values().stream().filter(a -> a.tenantId().equals(tenantId)).toList())));
        }

        @Override
        public void putTenant(Tenant tenant) {
            tenants.put(tenant.tenantId(), tenant);
        }

        @Override
        public boolean putDistrict(District district) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void putCategory(Category category) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean putApp(App app) {
            App owner = apps.get(app.appId());
            if (owner != null && !owner.tenantId().equals(app.tenantId())) {
                return false;
            }
            apps.put(app.appId(), app);
            return true;
        }
    }
}
