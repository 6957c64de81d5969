package no.nabolag.local.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml as plain maps and lists, with CloudFormation's short-form tags turned into their long form
 * ({@code !Ref X} becomes {@code {Ref: X}}, {@code !GetAtt A.B} becomes {@code {Fn::GetAtt: [A, B]}}, ...), plus typed
 * views of what the local stack builds: tables, queues and functions.
 */
public final class TemplateModel {
    private static final List<String> FN_TAGS = List.of("Sub", "If", "Equals", "Not", "Select", "Join", "FindInMap",
            "Split", "GetAZs", "ImportValue", "Base64", "Cidr", "And", "Or", "Length", "ToJsonString");

    private final Path path;
    private final Map<String, Object> root;

    private TemplateModel(Path path, Map<String, Object> root) {
        this.path = path;
        this.root = root;
    }

    public static TemplateModel load(Path path) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Object root = yaml().load(reader);
            if (!(root instanceof Map)) {
                throw new IllegalStateException(path + " is not a YAML mapping");
            }
            return new TemplateModel(path, cast(root));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + path, e);
        }
    }

    /** A SnakeYAML loader that knows CloudFormation's short-form intrinsic function tags. */
    public static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        return new Yaml(new CloudFormationConstructor(options));
    }

    public Path path() {
        return path;
    }

    public Map<String, Object> root() {
        return root;
    }

    public Map<String, Object> section(String name) {
        Object value = root.get(name);
        return value instanceof Map ? cast(value) : Map.of();
    }

    public Map<String, Object> resources() {
        return section("Resources");
    }

    /** Logical ids of the resources of a type, in template order. */
    public List<String> resourcesOfType(String type) {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if (resource instanceof Map<?, ?> map && type.equals(map.get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    public Optional<String> typeOf(String logicalId) {
        Object resource = resources().get(logicalId);
        return resource instanceof Map<?, ?> map ? Optional.ofNullable((String) map.get("Type")) : Optional.empty();
    }

    public Map<String, Object> properties(String logicalId) {
        Object resource = resources().get(logicalId);
        if (resource instanceof Map<?, ?> map && map.get("Properties") instanceof Map<?, ?> properties) {
            return cast(properties);
        }
        return Map.of();
    }

    /** Globals.Function, merged under each function's own properties by {@link #functionProperty}. */
    public Map<String, Object> functionGlobals() {
        Object function = section("Globals").get("Function");
        return function instanceof Map ? cast(function) : Map.of();
    }

    public Object functionProperty(String functionId, String name) {
        Object own = properties(functionId).get(name);
        return own != null ? own : functionGlobals().get(name);
    }

    /** Globals' environment variables overlaid with the function's own, unresolved. */
    public Map<String, Object> functionEnvironment(String functionId) {
        Map<String, Object> env = new LinkedHashMap<>(variables(functionGlobals()));
        env.putAll(variables(properties(functionId)));
        return env;
    }

    private static Map<String, Object> variables(Map<String, Object> properties) {
        if (properties.get("Environment") instanceof Map<?, ?> environment
                && environment.get("Variables") instanceof Map<?, ?> variables) {
            return cast(variables);
        }
        return Map.of();
    }

    /** The function's events: name to {Type, Properties}. */
    public Map<String, Map<String, Object>> events(String functionId) {
        Map<String, Map<String, Object>> events = new LinkedHashMap<>();
        if (properties(functionId).get("Events") instanceof Map<?, ?> map) {
            map.forEach((name, event) -> events.put((String) name, cast(event)));
        }
        return events;
    }

    @SuppressWarnings("unchecked")
    public static <K, V> Map<K, V> cast(Object map) {
        return (Map<K, V>) map;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List ? (List<Object>) value : value == null ? List.of() : List.of(value);
    }

    /** Constructs each CloudFormation short-form tag as the equivalent long-form map. */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
            for (String name : FN_TAGS) {
                yamlConstructors.put(new Tag("!" + name), new LongForm("Fn::" + name));
            }
        }

        private Object constructAny(Node node) {
            if (node instanceof ScalarNode scalar) {
                return constructScalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }

        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put(key, constructAny(node));
                return map;
            }
        }

        private final class GetAtt extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                Object value = constructAny(node);
                if (value instanceof String text) {
                    int dot = text.indexOf('.');
                    value = dot < 0 ? List.of(text) : List.of(text.substring(0, dot), text.substring(dot + 1));
                }
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("Fn::GetAtt", value);
                return map;
            }
        }
    }
}
