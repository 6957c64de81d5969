package no.nabolag.bench;

import java.util.HashMap;
import java.util.Map;

/** A benchmark's command line: {@code --name value} pairs and bare {@code --flag}s (value "true"). */
final class BenchOptions {
    private BenchOptions() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                String name = args[i].substring(2);
                boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
                options.put(name, flag ? "true" : args[++i]);
            }
        }
        return options;
    }
}
