package no.nabolag.aws.dynamo;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nabolag.core.time.SortableTime;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small, null-tolerant conversions between Java values and DynamoDB attribute values. */
public final class Attributes {
    private Attributes() {
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** A time as stored: fixed width, so sort keys and string comparisons work ({@link SortableTime}). */
    public static String time(Instant instant) {
        return SortableTime.format(instant);
    }

    public static AttributeValue s(Instant instant) {
        return AttributeValue.fromS(time(instant));
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    public static AttributeValue list(Collection<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }

    /** A string set; DynamoDB rejects empty sets, so callers must not pass one. */
    public static AttributeValue stringSet(Collection<String> values) {
        return AttributeValue.fromSs(List.copyOf(values));
    }

    public static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    public static void putIfPresent(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    public static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    public static Instant instant(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(string(item, name)).map(Instant::parse).orElse(null);
    }

    public static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    public static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    /** Reads a list of strings, or a string set, as a list. */
    public static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return List.of();
        }
        if (value.hasSs()) {
            return List.copyOf(value.ss());
        }
        return value.hasL() ? value.l().stream().map(AttributeValue::s).toList() : List.of();
    }

    /** Reads a map of strings, e.g. texts by language {"nb": "...", "en": "..."}; non-string entries are left out. */
    public static Map<String, String> texts(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        Map<String, String> result = new HashMap<>();
        if (value != null && value.hasM()) {
            value.m().forEach((key, text) -> {
                if (text.s() != null) {
                    result.put(key, text.s());
                }
            });
        }
        return result;
    }
}
