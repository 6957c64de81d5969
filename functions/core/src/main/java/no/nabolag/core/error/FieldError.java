package no.nabolag.core.error;

/** One invalid input: the field (JSON pointer-like path, e.g. "subscriptions[1].districtId") and what is wrong. */
public record FieldError(String field, String message) {
}
