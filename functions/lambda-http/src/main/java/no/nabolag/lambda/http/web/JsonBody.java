package no.nabolag.lambda.http.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nabolag.core.error.FieldError;
import no.nabolag.core.json.Json;

/**
 * A JSON object request body, read field by field. Each wrong type is collected as a {@link FieldError} instead of
 * failing at once, so one answer names every bad field; {@link #failOnErrors()} turns them into a 400 problem.
 * Absent and null fields read as null: whether a field is required is the domain's rule, not the parser's.
 */
public final class JsonBody {
    private final JsonNode node;
    private final List<FieldError> errors = new ArrayList<>();

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    /** Parses the body; a missing, malformed or non-object body is a 400 problem right away. */
    public static JsonBody of(HttpRequest request) {
        if (request.body().isBlank()) {
            throw Problem.badRequest("A JSON object body is required").exception();
        }
        JsonNode node;
        try {
            node = Json.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw Problem.badRequest("The body is not valid JSON: " + e.getOriginalMessage()).exception();
        }
        if (node == null || !node.isObject()) {
            throw Problem.badRequest("The body must be a JSON object").exception();
        }
        return new JsonBody(node);
    }

    public JsonNode node() {
        return node;
    }

    public String text(String field) {
        JsonNode value = present(field);
        if (value != null && !value.isTextual()) {
            return wrong(field, "must be a string");
        }
        return value == null ? null : value.textValue();
    }

    public Boolean bool(String field) {
        JsonNode value = present(field);
        if (value != null && !value.isBoolean()) {
            return wrong(field, "must be true or false");
        }
        return value == null ? null : value.booleanValue();
    }

    public Integer integer(String field) {
        JsonNode value = present(field);
        if (value != null && !(value.isIntegralNumber() && value.canConvertToInt())) {
            return wrong(field, "must be a whole number");
        }
        return value == null ? null : value.intValue();
    }

    /** An array of strings, e.g. ids; each non-string element is named by its index. */
    public List<String> strings(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            return wrong(field, "must be an array of strings");
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i).isTextual()) {
                result.add(value.get(i).textValue());
            } else {
                errors.add(new FieldError(field + "[" + i + "]", "must be a string"));
            }
        }
        return result;
    }

    /** An object of texts by language, e.g. {"nb": "...", "en": "..."}. */
    public Map<String, String> texts(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            return wrong(field, "must be an object of texts by language, e.g. {\"nb\": \"...\", \"en\": \"...\"}");
        }
        Map<String, String> result = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                result.put(e.getKey(), e.getValue().textValue());
            } else {
                errors.add(new FieldError(field + "." + e.getKey(), "must be a string"));
            }
        });
        return result;
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    /** Throws a 400 validation problem naming every field read so far that had the wrong type. */
    public void failOnErrors() {
        if (!errors.isEmpty()) {
            throw Problem.validation(errors).exception();
        }
    }

    private JsonNode present(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private <T> T wrong(String field, String message) {
        errors.add(new FieldError(field, message));
        return null;
    }
}
