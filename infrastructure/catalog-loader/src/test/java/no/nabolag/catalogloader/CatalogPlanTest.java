package no.nabolag.catalogloader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogPlanTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CatalogFile file = new CatalogFile(
            new CatalogFile.Tenant("baerum", "Bærum kommune", "nb", "Europe/Oslo"),
            List.of(new CatalogFile.District("baerum-sentrum", Map.of("nb", "Sandvika", "en", "Sandvika"))),
            List.of(new CatalogFile.Category("youth", 10, Map.of("nb", "Ungdom", "en", "Youth"),
                    Map.of("nb", "For unge", "en", "For young people"))));

    @Test
    void aNewTenantIsCreatedWholeTenantFirst() {
        CatalogPlan plan = CatalogPlan.of(file, Optional.empty());

        assertThat(plan.steps()).extracting(CatalogPlan.Step::action).containsOnly(CatalogPlan.Action.CREATE);
        assertThat(plan.steps().get(0).path()).isEqualTo("admin/v1/tenants/baerum");
        assertThat(plan.steps()).extracting(CatalogPlan.Step::path).contains(
                "admin/v1/tenants/baerum/districts/baerum-sentrum", "admin/v1/tenants/baerum/categories/youth");
    }

    @Test
    void whatTheDeploymentAlreadyHasIsNotSentAgain() throws Exception {
        JsonNode current = JSON.readTree("""
                {"tenantId":"baerum","name":"Bærum kommune","defaultLocale":"nb","timeZone":"Europe/Oslo",
                 "districts":[{"districtId":"baerum-sentrum","name":"Sandvika",
                               "names":{"en":"Sandvika","nb":"Sandvika"},"retired":false}],
                 "categories":[{"categoryId":"youth","names":{"nb":"Ungdom","en":"Youth"},
                                "descriptions":{"en":"For young people","nb":"For unge"},"order":10,"retired":false}]}
                """);

        CatalogPlan plan = CatalogPlan.of(file, Optional.of(current));

        assertThat(plan.count(CatalogPlan.Action.UNCHANGED)).isEqualTo(3);
        assertThat(plan.count(CatalogPlan.Action.CREATE) + plan.count(CatalogPlan.Action.UPDATE)).isZero();
        assertThat(plan.describe()).contains("Plan: 0 to create, 0 to update, 3 unchanged.");
    }

    @Test
    void aRenamedCategoryIsAnUpdateAndDeployedExtrasAreReportedNotRetired() throws Exception {
        JsonNode current = JSON.readTree("""
                {"tenantId":"baerum","name":"Bærum kommune","defaultLocale":"nb","timeZone":"Europe/Oslo",
                 "districts":[{"districtId":"baerum-sentrum","name":"Sandvika","names":{"nb":"Sandvika","en":"Sandvika"}},
                              {"districtId":"old","name":"Old","names":{"nb":"Old"}}],
                 "categories":[{"categoryId":"youth","names":{"nb":"Unge","en":"Youth"},
                                "descriptions":{"nb":"For unge","en":"For young people"},"order":10}]}
                """);

        CatalogPlan plan = CatalogPlan.of(file, Optional.of(current));

        assertThat(plan.steps()).filteredOn(s -> s.action() == CatalogPlan.Action.UPDATE)
                .extracting(CatalogPlan.Step::what).containsExactly("category youth");
        assertThat(plan.notInFile()).containsExactly("district old");
    }

    @Test
    void appsArePutAfterTheCatalogAndAnArnLeftOutOfTheFileIsRemoved() throws Exception {
        String apns = "arn:aws:sns:eu-north-1:123456789012:app/APNS/nabolag-baerum-ios";
        String fcm = "arn:aws:sns:eu-north-1:123456789012:app/GCM/nabolag-baerum-android";
        CatalogFile withApps = new CatalogFile(file.tenant(), file.districts(), file.categories(), List.of(
                new CatalogFile.App("baerum-app", "Bærum", apns, null),
                new CatalogFile.App("baerum-new", "Bærum ny", null, fcm)));
        JsonNode current = JSON.readTree("""
                {"tenantId":"baerum","name":"Bærum kommune","defaultLocale":"nb","timeZone":"Europe/Oslo",
                 "districts":[], "categories":[],
                 "apps":[{"appId":"baerum-app","name":"Bærum","apnsPlatformApplicationArn":"%s",
                          "fcmPlatformApplicationArn":"%s","retired":false},
                         {"appId":"old-app","name":"Old","apnsPlatformApplicationArn":"%s",
                          "fcmPlatformApplicationArn":null,"retired":false}]}
                """.formatted(apns, fcm, apns));

        CatalogPlan plan = CatalogPlan.of(withApps, Optional.of(current));

        CatalogPlan.Step app = plan.steps().stream().filter(s -> s.what().equals("app baerum-app")).findFirst().orElseThrow();
        assertThat(app.action()).isEqualTo(CatalogPlan.Action.UPDATE);
        assertThat(app.path()).isEqualTo("admin/v1/tenants/baerum/apps/baerum-app");
        assertThat(app.body()).containsEntry("fcmPlatformApplicationArn", null);
        CatalogPlan.Step last = plan.steps().get(plan.steps().size() - 1);
        assertThat(last.what()).isEqualTo("app baerum-new");
        assertThat(last.action()).isEqualTo(CatalogPlan.Action.CREATE);
        assertThat(plan.notInFile()).containsExactly("app old-app");
    }

    @Test
    void anAppAsDeployedWithoutOneArnIsUnchanged() throws Exception {
        String apns = "arn:aws:sns:eu-north-1:123456789012:app/APNS/nabolag-baerum-ios";
        CatalogFile withApp = new CatalogFile(file.tenant(), List.of(), List.of(),
                List.of(new CatalogFile.App("baerum-app", "Bærum", apns, null)));
        JsonNode current = JSON.readTree("""
                {"tenantId":"baerum","name":"Bærum kommune","defaultLocale":"nb","timeZone":"Europe/Oslo",
                 "apps":[{"appId":"baerum-app","name":"Bærum","apnsPlatformApplicationArn":"%s",
                          "fcmPlatformApplicationArn":null,"retired":false}]}
                """.formatted(apns));

        assertThat(CatalogPlan.of(withApp, Optional.of(current)).count(CatalogPlan.Action.UNCHANGED)).isEqualTo(2);
    }
}
