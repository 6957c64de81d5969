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
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * ({@code !Ref X} becomes {@code {"Ref": "X"}}, {@code !GetAtt A.B} becomes {@code {"Fn::GetAtt": ["A", "B"]}}),
 * so tests can walk it like CloudFormation does.
 */
final class Template {
    static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");
    static final String FUNCTION = "AWS::Serverless::Function";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");
    private static Template loaded;

    final Path root;
    final Map<String, Object> document;

    private Template(Path root, Map<String, Object> document) {
        this.root = root;
        this.document = document;
    }

    static synchronized Template load() {
        if (loaded == null) {
            Path root = repositoryRoot();
            try (Reader reader = Files.newBufferedReader(root.resolve("template.yaml"), StandardCharsets.UTF_8)) {
                Map<String, Object> document = new Yaml(new CloudFormationConstructor()).load(reader);
                loaded = new Template(root, document);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read template.yaml", e);
            }
        }
        return loaded;
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("No template.yaml above " + Path.of("").toAbsolutePath());
    }

    Map<String, Object> section(String name) {
        return map(document.getOrDefault(name, Map.of()));
    }

    Map<String, Object> resources() {
        return section("Resources");
    }

    Map<String, Object> resource(String logicalId) {
        return map(resources().get(logicalId));
    }

    static String type(Object resource) {
        return (String) map(resource).get("Type");
    }

    static Map<String, Object> properties(Object resource) {
        return map(map(resource).getOrDefault("Properties", Map.of()));
    }

    /** Logical ids of the resources of one type, in template order. */
    List<String> resourcesOfType(String type) {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if (type.equals(type(resource))) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** A function's properties with Globals.Function merged in as SAM does (maps merge, the function wins). */
    Map<String, Object> functionProperties(String logicalId) {
        Map<String, Object> globals = map(map(section("Globals").getOrDefault("Function", Map.of())));
        return mergeMaps(globals, properties(resource(logicalId)));
    }

    /** A function's environment variables: Globals plus its own. */
    Map<String, Object> environment(String logicalId) {
        Map<String, Object> environment = map(functionProperties(logicalId).getOrDefault("Environment", Map.of()));
        return map(environment.getOrDefault("Variables", Map.of()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mergeMaps(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            Object existing = merged.get(key);
            if (existing instanceof Map && value instanceof Map && !isIntrinsic(value)) {
                merged.put(key, mergeMaps((Map<String, Object>) existing, (Map<String, Object>) value));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    /** Logical ids of the template's functions. */
    List<String> functions() {
        return resourcesOfType(FUNCTION);
    }

    /** The deployment package of a function: its CodeUri, a jar that mvn package builds. */
    Path codeUri(String function) {
        return root.resolve(String.valueOf(properties(resource(function)).get("CodeUri")));
    }

    /** The handler's class, from "package.Class::method". */
    String handlerClass(String function) {
        String handler = String.valueOf(functionProperties(function).get("Handler"));
        int colons = handler.indexOf("::");
        return colons < 0 ? handler : handler.substring(0, colons);
    }

    String handlerMethod(String function) {
        String handler = String.valueOf(functionProperties(function).get("Handler"));
        int colons = handler.indexOf("::");
        return colons < 0 ? "handleRequest" : handler.substring(colons + 2);
    }

    FunctionCode code(String function) {
        return FunctionCode.of(codeUri(function));
    }

    /**
     * The IAM statements of a function's Policies (each entry a {@code Statement} list; SAM policy templates such as
     * DynamoDBCrudPolicy are not statements and are not returned).
     */
    List<Map<String, Object>> policyStatements(String function) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(properties(resource(function)).get("Policies"))) {
            list(map(policy).get("Statement")).forEach(s -> statements.add(map(s)));
        }
        return statements;
    }

    /** A statement's actions: Action is one string or a list of them. */
    static List<String> actions(Map<String, Object> statement) {
        Object action = statement.get("Action");
        return action instanceof String s ? List.of(s) : list(action).stream().map(String::valueOf).toList();
    }

    /** A statement's resources: Resource is one value or a list of them. */
    static List<Object> statementResources(Map<String, Object> statement) {
        Object resource = statement.get("Resource");
        return resource instanceof List<?> ? list(resource) : resource == null ? List.of() : List.of(resource);
    }

    /** The function's events of one type (HttpApi, SQS, Schedule), by name. */
    Map<String, Map<String, Object>> events(String function, String type) {
        Map<String, Map<String, Object>> events = new LinkedHashMap<>();
        map(functionProperties(function).get("Events")).forEach((name, event) -> {
            if (type.equals(map(event).get("Type"))) {
                events.put(name, properties(event));
            }
        });
        return events;
    }

    /** API Gateway route keys of a function's HttpApi events ("GET /v1/tenants", "$default"). */
    Set<String> routeKeys(String function) {
        Set<String> keys = new TreeSet<>();
        events(function, "HttpApi").values().forEach(p -> {
            String path = String.valueOf(p.get("Path"));
            String method = String.valueOf(p.getOrDefault("Method", "ANY")).toUpperCase(java.util.Locale.ROOT);
            keys.add(path.equals("$default") ? "$default" : method + " " + path);
        });
        return keys;
    }

    /** The logical id a value refers to with Ref, or null. */
    static String refTarget(Object value) {
        return value instanceof Map<?, ?> m && m.size() == 1 && m.get("Ref") instanceof String s ? s : null;
    }

    /** The logical id a value refers to with Fn::GetAtt, or null. */
    static String getAttTarget(Object value) {
        if (value instanceof Map<?, ?> m && m.size() == 1 && m.get("Fn::GetAtt") instanceof List<?> l && !l.isEmpty()) {
            return String.valueOf(l.get(0));
        }
        return null;
    }

    static boolean isIntrinsic(Object value) {
        return value instanceof Map<?, ?> m && m.size() == 1
                && m.keySet().iterator().next() instanceof String k && (k.equals("Ref") || k.startsWith("Fn::")
                || k.equals("Condition"));
    }

    /** Calls visitor for every intrinsic function anywhere below value, with its path. */
    static void walkIntrinsics(String path, Object value, BiConsumer<String, Map<?, ?>> visitor) {
        if (value instanceof Map<?, ?> map) {
            if (isIntrinsic(map)) {
                visitor.accept(path, map);
            }
            map.forEach((k, v) -> walkIntrinsics(path + "." + k, v, visitor));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walkIntrinsics(path + "[" + i + "]", list.get(i), visitor);
            }
        }
    }

    /** The ${Name} and ${Name.Attr} variables of a Fn::Sub string (${!Literal} is not a variable). */
    static Set<String> subVariables(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = SUB_VARIABLE.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1).trim());
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List ? (List<Object>) value : List.of();
    }

    /** SnakeYAML constructor that knows CloudFormation's short-form tags. */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            for (String name : List.of("Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue", "Join", "Select",
                    "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "ToJsonString", "Length")) {
                yamlConstructors.put(new Tag("!" + name), new LongForm("Fn::" + name));
            }
            yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    if (node instanceof ScalarNode scalar) {
                        String text = constructScalar(scalar);
                        int dot = text.indexOf('.');
                        return Map.of("Fn::GetAtt", dot < 0 ? List.of(text) : List.of(text.substring(0, dot),
                                text.substring(dot + 1)));
                    }
                    return Map.of("Fn::GetAtt", constructSequence((SequenceNode) node));
                }
            });
        }

        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }
        }
    }
}
