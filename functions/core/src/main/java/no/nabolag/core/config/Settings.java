package no.nabolag.core.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A function's configuration: in Lambda the process environment that template.yaml sets,
 * in the local stack a map built from the same template. Handlers never call System.getenv directly,
 * so one JVM can host every function with its own settings.
 */
public final class Settings {
    private final Function<String, String> source;

    private Settings(Function<String, String> source) {
        this.source = source;
    }

    public static Settings fromEnvironment() {
        return new Settings(System::getenv);
    }

    public static Settings of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new Settings(copy::get);
    }

    /** These settings with one value replaced (tests build a function with, say, a queue that fails). */
    public Settings with(String name, String value) {
        Function<String, String> base = source;
        return new Settings(n -> n.equals(name) ? value : base.apply(n));
    }

    public Optional<String> find(String name) {
        String value = source.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** A setting the function cannot run without; a missing one fails at start, not on the first request. */
    public String require(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("Missing setting " + name));
    }

    public String get(String name, String fallback) {
        return find(name).orElse(fallback);
    }

    public int getInt(String name, int fallback) {
        return find(name).map(Integer::parseInt).orElse(fallback);
    }

    public boolean getBoolean(String name, boolean fallback) {
        return find(name).map(Boolean::parseBoolean).orElse(fallback);
    }
}
