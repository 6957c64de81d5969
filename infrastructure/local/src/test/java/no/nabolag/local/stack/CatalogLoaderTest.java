package no.nabolag.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import no.nabolag.local.seed.Catalog;
import no.nabolag.local.seed.CatalogLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoaderTest {
    @Test
    void osloHasItsFifteenDistrictsAndElevenCategoriesInBokmalAndEnglish() {
        Catalog oslo = CatalogLoader.load(Path.of("../catalog/oslo.yaml"));

        assertThat(oslo.tenant().id()).isEqualTo("oslo");
        assertThat(oslo.tenant().timeZone()).isEqualTo("Europe/Oslo");
        assertThat(oslo.tenant().defaultLocale()).isEqualTo("nb");
        assertThat(oslo.districts()).hasSize(15).extracting(d -> d.names().get("nb")).contains("Gamle Oslo",
                "Grünerløkka", "Sagene", "St. Hanshaugen", "Frogner", "Ullern", "Vestre Aker", "Nordre Aker", "Bjerke",
                "Grorud", "Stovner", "Alna", "Østensjø", "Nordstrand", "Søndre Nordstrand");
        assertThat(oslo.districts()).extracting(Catalog.District::id).contains("grunerlokka", "ostensjo", "st-hanshaugen");
        assertThat(oslo.categories()).hasSize(11).allSatisfy(c -> {
            assertThat(c.names()).containsKeys("nb", "en");
            assertThat(c.descriptions()).containsKeys("nb", "en");
        });
        assertThat(oslo.categories()).extracting(Catalog.Category::order).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    }

    @Test
    void rejectsIdsThatAreNotSlugsAndDuplicates(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                tenant: { id: Bad Id, name: X, defaultLocale: nb, timeZone: Europe/Oslo }
                """);
        Path duplicate = dir.resolve("dup.yaml");
        Files.writeString(duplicate, """
                tenant: { id: x, name: X, defaultLocale: nb, timeZone: Europe/Oslo }
                districts:
                  - { id: a, names: { nb: A, en: A } }
                  - { id: a, names: { nb: A, en: A } }
                """);

        assertThatThrownBy(() -> CatalogLoader.load(bad)).hasMessageContaining("slug");
        assertThatThrownBy(() -> CatalogLoader.load(duplicate)).hasMessageContaining("duplicate district a");
    }
}
