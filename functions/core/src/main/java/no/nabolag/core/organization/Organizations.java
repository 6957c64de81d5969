package no.nabolag.core.organization;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import no.nabolag.core.error.FieldError;
import no.nabolag.core.error.InvalidInputException;

/** Onboarding of organisations: their tenant, districts and categories must exist in the catalog and belong together. */
public final class Organizations {
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_IDS = 100;

    private final OrganizationStore store;
    private final CatalogReader catalog;
    private final Clock clock;

    public Organizations(OrganizationStore store, CatalogReader catalog, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Validates and stores a new organisation; invalid input throws a validation problem naming each field. */
    public Organization create(NewOrganization input) {
        List<FieldError> errors = new ArrayList<>();
        String name = input.name() == null ? "" : input.name().strip();
        if (name.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            errors.add(new FieldError("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
        Optional<OrganizationKind> kind = OrganizationKind.parse(input.kind());
        if (kind.isEmpty()) {
            errors.add(new FieldError("kind", "must be \"unit\" or \"external\""));
        }
        Optional<TenantCatalog> tenant = catalog.tenant(input.tenantId());
        if (tenant.isEmpty()) {
            errors.add(new FieldError("tenantId", input.tenantId() == null ? "is required" : "no such tenant"));
        }
        List<String> districtIds = distinct(input.districtIds(), "districtIds", errors);
        List<String> categoryIds = distinct(input.categoryIds(), "categoryIds", errors);
        if (tenant.isPresent()) {
            for (int i = 0; i < districtIds.size(); i++) {
                Optional<TenantCatalog.Entry> district = tenant.get().district(districtIds.get(i));
                if (district.isEmpty() || district.get().retired()) {
                    errors.add(new FieldError("districtIds[" + i + "]", "no such district in tenant " + input.tenantId()));
                }
            }
            for (int i = 0; i < categoryIds.size(); i++) {
                Optional<TenantCatalog.Entry> category = tenant.get().category(categoryIds.get(i));
                if (category.isEmpty() || category.get().retired()) {
                    errors.add(new FieldError("categoryIds[" + i + "]", "no such category in tenant " + input.tenantId()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Organization organization = new Organization(UUID.randomUUID().toString().replace("-", ""), name, kind.get(),
                input.tenantId(), districtIds, categoryIds, Boolean.TRUE.equals(input.trusted()),
                clock.instant().truncatedTo(ChronoUnit.SECONDS));
        store.create(organization);
        return organization;
    }

    public Optional<Organization> find(String organizationId) {
        return store.find(organizationId);
    }

    public List<Organization> list() {
        return store.list();
    }

    /** The organisation if it belongs to the tenant; another tenant's is not revealed. */
    public Optional<Organization> find(String tenantId, String organizationId) {
        return store.find(organizationId).filter(o -> o.tenantId().equals(tenantId));
    }

    /** The tenant's organisations, by name. */
    public List<Organization> list(String tenantId) {
        return store.list().stream().filter(o -> o.tenantId().equals(tenantId)).toList();
    }

    public List<PublisherLink> links(String organizationId) {
        return store.links(organizationId);
    }

    private static List<String> distinct(List<String> ids, String field, List<FieldError> errors) {
        if (ids == null || ids.isEmpty()) {
            errors.add(new FieldError(field, "at least one is required"));
            return List.of();
        }
        if (ids.size() > MAX_IDS) {
            errors.add(new FieldError(field, "at most " + MAX_IDS));
            return List.of();
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || id.isBlank()) {
                errors.add(new FieldError(field + "[" + i + "]", "must not be empty"));
            } else {
                unique.add(id);
            }
        }
        return List.copyOf(unique);
    }
}
