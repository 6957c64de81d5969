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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * infrastructure/local/local-parameters.yaml: everything the local stack does differently from a deployment, in one
 * visible file. {@code Parameters} are template parameters, applied like {@code sam deploy --parameter-overrides}
 * (command-line overrides win); {@code Environment} sets variables per function in the shape of
 * {@code sam local --env-vars} (only for what has no template parameter: no Cognito and no IAM authoriser locally);
 * {@code Sns} configures the SNS emulator (platform applications to create, the CreatePlatformEndpoint rate).
 * {@code ${LocalBaseUrl}} stands for the stack's own http://127.0.0.1:PORT, known only once it listens.
 *
 * @param parameters   template parameter values, placeholders unresolved
 * @param environment  function logical id to variables, placeholders unresolved
 * @param platformApplications the SNS platform applications the emulator holds from the start
 * @param createEndpointsPerSecond the SNS emulator's CreatePlatformEndpoint limit (AWS: 30/s in most regions)
 */
public record LocalParameterFile(Map<String, String> parameters, Map<String, Map<String, String>> environment,
                                 List<PlatformApplication> platformApplications, int createEndpointsPerSecond) {
    public static final String FILE = "local-parameters.yaml";
    public static final int AWS_CREATE_ENDPOINTS_PER_SECOND = 30;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(Local[A-Za-z]+)}");
    private static final Set<String> SECTIONS = Set.of("Parameters", "Environment", "Sns");

    /** A platform application of the SNS emulator; its ARN is arn:aws:sns:REGION:ACCOUNT:app/PLATFORM/NAME. */
    public record PlatformApplication(String name, String platform) {
    }

    /** No file: the stack deploys the template's defaults, exactly as a first {@code sam deploy} would. */
    public static LocalParameterFile none() {
        return new LocalParameterFile(Map.of(), Map.of(), List.of(), AWS_CREATE_ENDPOINTS_PER_SECOND);
    }

    public static LocalParameterFile load(Path file) {
        Object root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the local parameter file " + file, e);
        }
        if (root == null) {
            return none();
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException(file + ": expected a mapping with Parameters, Environment and Sns");
        }
        for (Object key : top.keySet()) {
            if (!SECTIONS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(file + ": unknown section " + key + " (expected " + SECTIONS + ")");
            }
        }
        Map<String, String> parameters = strings(top.get("Parameters"), file + " Parameters");
        Map<String, Map<String, String>> environment = new LinkedHashMap<>();
        mapping(top.get("Environment"), file + " Environment").forEach((function, variables) ->
                environment.put(String.valueOf(function), strings(variables, file + " Environment." + function)));
        Map<?, ?> sns = mapping(top.get("Sns"), file + " Sns");
        List<PlatformApplication> applications = new ArrayList<>();
        for (Object entry : TemplateModel.list(sns.get("PlatformApplications"))) {
            Map<?, ?> app = mapping(entry, file + " Sns.PlatformApplications");
            if (app.get("Name") == null || app.get("Platform") == null) {
                throw new IllegalArgumentException(file + ": each of Sns.PlatformApplications needs Name and Platform");
            }
            applications.add(new PlatformApplication(String.valueOf(app.get("Name")), String.valueOf(app.get("Platform"))));
        }
        int rate = sns.get("CreatePlatformEndpointPerSecond") == null ? AWS_CREATE_ENDPOINTS_PER_SECOND
                : Integer.parseInt(String.valueOf(sns.get("CreatePlatformEndpointPerSecond")));
        return new LocalParameterFile(parameters, environment, applications, rate);
    }

    /** Replaces {@code ${LocalBaseUrl}} and the like; an unknown placeholder is an error, never left in a value. */
    public static String fill(String value, Map<String, String> placeholders) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = placeholders.get(m.group(1));
            if (replacement == null) {
                throw new IllegalArgumentException("Unknown placeholder ${" + m.group(1) + "} in " + FILE
                        + " (known: " + placeholders.keySet() + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static Map<String, String> fill(Map<String, String> values, Map<String, String> placeholders) {
        Map<String, String> filled = new LinkedHashMap<>();
        values.forEach((k, v) -> filled.put(k, fill(v, placeholders)));
        return filled;
    }

    private static Map<?, ?> mapping(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + ": expected a mapping");
        }
        return map;
    }

    /** Scalars as text, as sam deploy passes them ({@code 30} and {@code "30"} are the same; null is empty). */
    private static Map<String, String> strings(Object value, String where) {
        Map<String, String> result = new LinkedHashMap<>();
        mapping(value, where).forEach((k, v) -> {
            if (v instanceof Map || v instanceof List) {
                throw new IllegalArgumentException(where + "." + k + ": expected a plain value");
            }
            result.put(String.valueOf(k), v == null ? "" : String.valueOf(v));
        });
        return result;
    }
}
