package no.nabolag.local.resident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.Test;

class CatalogApiIT {
    private final LocalStack stack = LocalStack.shared();
    private final ResidentHttp http = new ResidentHttp(stack.baseUrl());
    private final TestCatalog catalog = TestCatalog.shared(stack);

    private static JsonNode tenant(JsonNode tenants, String id) {
        for (JsonNode t : tenants) {
            if (t.get("tenantId").asText().equals(id)) {
                return t;
            }
        }
        throw new AssertionError("no tenant " + id);
    }

    @Test
    void tenantsListTheSeededOsloWithItsFifteenDistricts() {
        var reply = http.get("/v1/tenants");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode oslo = tenant(reply.json(), "oslo");
        assertThat(oslo.get("districts")).hasSize(15);
        List<String> names = new ArrayList<>();
        oslo.get("districts").forEach(d -> names.add(d.get("name").asText()));
        assertThat(names).contains("Grünerløkka", "Østensjø", "St. Hanshaugen", "Søndre Nordstrand");
    }

    @Test
    void retiredDistrictsAreNotListed() {
        JsonNode ours = tenant(http.get("/v1/tenants").json(), catalog.tenantId);

        assertThat(ours.get("name").asText()).isEqualTo("Testby <kommune>");
        assertThat(ours.get("districts").toString()).doesNotContain("-retired");
    }

    @Test
    void categoriesComeInTheRequestedLanguageFallingBackToTheDefault() {
        var english = http.get("/v1/tenants/" + catalog.tenantId + "/categories?lang=en").json();
        var norwegian = http.get("/v1/tenants/" + catalog.tenantId + "/categories").json();
        var german = http.get("/v1/tenants/" + catalog.tenantId + "/categories?lang=de").json();

        assertThat(english).extracting(c -> c.get("categoryId").asText())
                .containsExactly("news", "sports", "culture", "roads");
        assertThat(english.get(0).get("name").asText()).isEqualTo("en-news");
        assertThat(english.get(0).get("description").asText()).isEqualTo("About news");
        assertThat(english.get(3).get("name").asText()).isEqualTo("Veier");
        assertThat(norwegian.get(0).get("name").asText()).isEqualTo("nb-news");
        assertThat(german.get(0).get("name").asText()).isEqualTo("nb-news");
    }

    @Test
    void osloCategoriesAreSeededInBokmalAndEnglish() {
        var reply = http.get("/v1/tenants/oslo/categories?lang=en");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().size()).isGreaterThanOrEqualTo(5);
        assertThat(reply.body()).contains("youth");
    }

    @Test
    void anUnknownTenantIsNotFound() {
        var reply = http.get("/v1/tenants/atlantis/categories");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("status").asInt()).isEqualTo(404);
    }
}
