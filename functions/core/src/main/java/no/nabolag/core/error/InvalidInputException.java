package no.nabolag.core.error;

import java.util.List;

/** The input is invalid; every invalid field is named, and nothing has been written. */
public final class InvalidInputException extends DomainException {
    private final transient List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        return errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
    }
}
