package no.nabolag.catalogloader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class CatalogFileReaderTest {

    @Test
    void theOsloDemoCatalogHasFifteenDistrictsAndTheStarterCategories() throws Exception {
        CatalogFile oslo = CatalogFileReader.read(Path.of("../catalog/oslo.yaml"));

        assertThat(oslo.tenant().id()).isEqualTo("oslo");
        assertThat(oslo.districts()).hasSize(15);
        assertThat(oslo.districts()).extracting(d -> d.name("nb")).contains("Grünerløkka", "Østensjø", "St. Hanshaugen");
        assertThat(oslo.categories()).extracting(CatalogFile.Category::id).contains("youth", "seniors", "emergency");
    }

    @Test
    void theOsloDemoCatalogHasTheMunicipalitysAppAndBydelFrognersApp() throws Exception {
        CatalogFile oslo = CatalogFileReader.read(Path.of("../catalog/oslo.yaml"));

        assertThat(oslo.apps()).extracting(CatalogFile.App::id).containsExactly("oslo-kommune", "bydel-frogner");
        assertThat(oslo.apps()).extracting(CatalogFile.App::name).containsExactly("Oslo kommune", "Bydel Frogner");
        assertThat(oslo.apps()).allSatisfy(app -> {
            assertThat(app.apnsPlatformApplicationArn()).contains(":app/APNS/nabolag-");
            assertThat(app.fcmPlatformApplicationArn()).contains(":app/GCM/nabolag-");
        });
    }

    @Test
    void appsAreOptionalButAnAppNeedsAnIdANameAndAnArn() {
        Object withoutApps = new Yaml(new SafeConstructor(new LoaderOptions())).load("""
                tenant: { id: x, name: X, defaultLocale: nb, timeZone: Europe/Oslo }
                districts: []
                categories: []
                """);
        Object badApp = new Yaml(new SafeConstructor(new LoaderOptions())).load("""
                tenant: { id: x, name: X, defaultLocale: nb, timeZone: Europe/Oslo }
                districts: []
                categories: []
                apps:
                  - { id: a }
                """);

        assertThat(CatalogFileReader.parse(withoutApps, "plain.yaml").apps()).isEmpty();
        assertThatThrownBy(() -> CatalogFileReader.parse(badApp, "bad.yaml"))
                .hasMessageContaining("apps[0].name is missing")
                .hasMessageContaining("apps[0] needs apnsPlatformApplicationArn, fcmPlatformApplicationArn or both");
    }

    @Test
    void everyStructuralMistakeIsReportedWithItsPlace() {
        Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load("""
                tenant: { id: x, name: X }
                districts:
                  - { id: a }
                categories:
                  - { id: c, order: first, names: { nb: C } }
                """);

        assertThatThrownBy(() -> CatalogFileReader.parse(yaml, "bad.yaml"))
                .hasMessageContaining("tenant.defaultLocale is missing")
                .hasMessageContaining("tenant.timeZone is missing")
                .hasMessageContaining("districts[0].names must be a mapping")
                .hasMessageContaining("categories[0].order must be a whole number");
    }
}
