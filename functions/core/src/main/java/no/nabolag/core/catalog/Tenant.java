package no.nabolag.core.catalog;

/** A municipality that runs Nabolag for its districts (e.g. Oslo). */
public record Tenant(String tenantId, String name, String defaultLocale, String timeZone) {
}
