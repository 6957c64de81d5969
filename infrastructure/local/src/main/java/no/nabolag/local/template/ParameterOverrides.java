package no.nabolag.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the values of {@code --parameter-overrides} exactly as {@code sam deploy} takes them: space-separated
 * {@code Key=Value} pairs ({@code Key=} is the empty string, double quotes group a value with spaces:
 * {@code Key="a b"}), or CloudFormation's {@code ParameterKey=Key,ParameterValue=Value}. Several shell arguments and
 * one argument holding several pairs ({@code 'A=1 B=2'}, as in samconfig.toml) are the same thing.
 */
public final class ParameterOverrides {
    private static final String KEY = "ParameterKey=";
    private static final String VALUE = ",ParameterValue=";

    private ParameterOverrides() {
    }

    /** Parameter name to value, in the order given; a later pair for the same name wins (as in SAM). */
    public static Map<String, String> parse(List<String> arguments) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String argument : arguments) {
            for (String pair : split(argument)) {
                parsePair(pair, values);
            }
        }
        return values;
    }

    private static void parsePair(String pair, Map<String, String> values) {
        String key;
        String value;
        if (pair.startsWith(KEY)) {
            int comma = pair.indexOf(VALUE);
            if (comma < 0) {
                throw new IllegalArgumentException("Expected ParameterKey=Key,ParameterValue=Value, got: " + pair);
            }
            key = pair.substring(KEY.length(), comma);
            value = pair.substring(comma + VALUE.length());
        } else {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Expected Key=Value (Key= for an empty value), got: " + pair);
            }
            key = pair.substring(0, eq);
            value = pair.substring(eq + 1);
        }
        key = unquote(key);
        if (!key.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("Not a template parameter name: " + key);
        }
        values.remove(key);
        values.put(key, unquote(value));
    }

    /** Splits on whitespace outside double quotes; quotes stay in the pieces and are removed per key and value. */
    static List<String> split(String argument) {
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == '\\' && i + 1 < argument.length() && argument.charAt(i + 1) == '"') {
                current.append(c).append('"');
                i++;
                any = true;
            } else if (c == '"') {
                quoted = !quoted;
                current.append(c);
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    pieces.add(current.toString());
                    current.setLength(0);
                    any = false;
                }
            } else {
                current.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("Unbalanced double quote in --parameter-overrides: " + argument);
        }
        if (any) {
            pieces.add(current.toString());
        }
        return pieces;
    }

    private static String unquote(String text) {
        String inner = text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1) : text;
        return inner.replace("\\\"", "\"");
    }
}
