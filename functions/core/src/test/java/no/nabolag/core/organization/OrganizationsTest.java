package no.nabolag.core.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nabolag.core.error.FieldError;
import no.nabolag.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class OrganizationsTest {
    private static final TenantCatalog OSLO = new TenantCatalog("oslo", "Oslo kommune", ZoneId.of("Europe/Oslo"),
            List.of(entry("sagene", false), entry("frogner", false), entry("old-district", true)),
            List.of(entry("culture-events", false), entry("youth", false), entry("retired-cat", true)));
    private final InMemoryOrganizationStore store = new InMemoryOrganizationStore();
    private final Organizations organizations = new Organizations(store,
            tenantId -> tenantId != null && tenantId.equals("oslo") ? Optional.of(OSLO) : Optional.empty(),
            new MutableClock(Instant.parse("2026-11-28T20:00:00Z")));

    @Test
    void createsAnOrganisationWithItsOwnDistrictsAndCategories() {
        Organization org = organizations.create(new NewOrganization(" Sagene IL ", "external", "oslo",
                List.of("sagene", "sagene"), List.of("youth"), null));

        assertThat(org.organizationId()).matches("[0-9a-f]{32}");
        assertThat(org.name()).isEqualTo("Sagene IL");
        assertThat(org.kind()).isEqualTo(OrganizationKind.EXTERNAL);
        assertThat(org.districtIds()).containsExactly("sagene");
        assertThat(org.trusted()).isFalse();
        assertThat(org.needsApproval()).isTrue();
        assertThat(store.find(org.organizationId())).contains(org);
    }

    @Test
    void rejectsEveryWrongFieldAtOnce() {
        assertThatThrownBy(() -> organizations.create(new NewOrganization("", "club", "oslo",
                List.of("sagene", "grorud-nope", "old-district"), List.of(), true)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactlyInAnyOrder("name", "kind", "categoryIds", "districtIds[1]", "districtIds[2]"));
    }

    @Test
    void unknownTenantOrCategoriesOfAnotherTenantAreRejected() {
        assertThatThrownBy(() -> organizations.create(new NewOrganization("X", "unit", "bergen",
                List.of("sagene"), List.of("youth"), false)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("tenantId"));
        assertThatThrownBy(() -> organizations.create(new NewOrganization("X", "unit", "oslo",
                List.of("sagene"), List.of("retired-cat"), false)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("categoryIds[0]"));
    }

    private static TenantCatalog.Entry entry(String id, boolean retired) {
        return new TenantCatalog.Entry(id, Map.of("nb", id, "en", id), 0, retired);
    }
}
