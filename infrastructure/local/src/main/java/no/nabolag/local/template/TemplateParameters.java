package no.nabolag.local.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The value of every template parameter for one deployment, checked as CloudFormation checks them: each parameter's
 * Default, then the local parameter file, then the overrides (command line or test), the last one winning. An
 * override naming no parameter of the template, a missing value, a Number that is not one or out of
 * MinValue/MaxValue, a value outside AllowedValues or MinLength/MaxLength, and an override that does not match the
 * AllowedPattern fail the start, as they fail {@code sam deploy}.
 *
 * <p>The local file's values are exempt from AllowedPattern only: the local base URL is plain http on 127.0.0.1,
 * which the https-only pattern of PublicBaseUrl rightly refuses in AWS.
 */
public final class TemplateParameters {
    private TemplateParameters() {
    }

    /**
     * @param fileValues parameters of the local parameter file (names the template lacks are ignored: the file
     *                   serves test templates too)
     * @param overrides  {@code --parameter-overrides}; every name must be a parameter of the template
     */
    public static Map<String, String> resolve(TemplateModel template, Map<String, String> fileValues,
                                              Map<String, String> overrides) {
        Map<String, Object> declared = template.section("Parameters");
        List<String> problems = new ArrayList<>();
        List<String> unknown = overrides.keySet().stream().filter(name -> !declared.containsKey(name)).toList();
        if (!unknown.isEmpty()) {
            problems.add("Parameters: " + unknown + " do not exist in the template (" + template.path() + ")");
        }
        Map<String, String> values = new LinkedHashMap<>();
        declared.forEach((name, definitionObject) -> {
            Map<String, Object> definition = definitionObject instanceof Map ? TemplateModel.cast(definitionObject)
                    : Map.of();
            String value = definition.get("Default") == null ? null : String.valueOf(definition.get("Default"));
            boolean fromOverride = overrides.containsKey(name);
            if (fromOverride) {
                value = overrides.get(name);
            } else if (fileValues.containsKey(name)) {
                value = fileValues.get(name);
            }
            if (value == null) {
                problems.add("Parameters: [" + name + "] must have values");
                return;
            }
            check(name, value, definition, fromOverride, problems);
            values.put(name, value);
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return values;
    }

    private static void check(String name, String value, Map<String, Object> definition, boolean checkPattern,
                              List<String> problems) {
        String type = String.valueOf(definition.getOrDefault("Type", "String"));
        if (type.equals("Number")) {
            BigDecimal number;
            try {
                number = new BigDecimal(value.trim());
            } catch (NumberFormatException e) {
                problems.add("Parameter '" + name + "' must be a number");
                return;
            }
            if (definition.get("MinValue") != null && number.compareTo(new BigDecimal(
                    String.valueOf(definition.get("MinValue")))) < 0) {
                problems.add("Parameter '" + name + "' must be a number not less than " + definition.get("MinValue"));
            }
            if (definition.get("MaxValue") != null && number.compareTo(new BigDecimal(
                    String.valueOf(definition.get("MaxValue")))) > 0) {
                problems.add("Parameter '" + name + "' must be a number not greater than " + definition.get("MaxValue"));
            }
        }
        if (definition.get("AllowedValues") instanceof List<?> allowed && !type.startsWith("List<")
                && !type.equals("CommaDelimitedList")
                && allowed.stream().map(String::valueOf).noneMatch(a -> sameValue(type, a, value))) {
            problems.add("Parameter '" + name + "' must be one of AllowedValues " + allowed);
        }
        if (definition.get("MinLength") != null && value.length() < Integer.parseInt(String.valueOf(definition.get("MinLength")))) {
            problems.add("Parameter '" + name + "' must contain at least " + definition.get("MinLength") + " characters");
        }
        if (definition.get("MaxLength") != null && value.length() > Integer.parseInt(String.valueOf(definition.get("MaxLength")))) {
            problems.add("Parameter '" + name + "' must contain at most " + definition.get("MaxLength") + " characters");
        }
        if (checkPattern && definition.get("AllowedPattern") != null) {
            String pattern = String.valueOf(definition.get("AllowedPattern"));
            try {
                if (!Pattern.compile(pattern).matcher(value).matches()) {
                    problems.add("Parameter '" + name + "' must match pattern " + pattern);
                }
            } catch (PatternSyntaxException e) {
                problems.add("Parameter '" + name + "' has an AllowedPattern Java cannot read: " + pattern);
            }
        }
    }

    private static boolean sameValue(String type, String allowed, String value) {
        if (type.equals("Number")) {
            try {
                return new BigDecimal(allowed).compareTo(new BigDecimal(value.trim())) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return allowed.equals(value);
    }
}
