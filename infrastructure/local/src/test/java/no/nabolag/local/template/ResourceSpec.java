package no.nabolag.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The CloudFormation resource specification as the AWS CDK team publishes it: npm {@code @aws-cdk/aws-service-spec}
 * (a devDependency of infrastructure/local, installed by {@code npm ci} in generate-resources), file
 * {@code db.json.gz}. Each resource type has its property names (with nested types by reference) and its
 * {@code Fn::GetAtt} attributes. Its {@code AWS::Serverless::*} entries lag SAM, so SAM types are not checked here.
 */
final class ResourceSpec {
    static final Path FILE = Path.of("infrastructure/local/node_modules/@aws-cdk/aws-service-spec/db.json.gz");
    private static ResourceSpec loaded;

    private final Map<String, JsonNode> resourcesByType = new HashMap<>();
    private final Map<String, JsonNode> typesById = new HashMap<>();

    private ResourceSpec(JsonNode schema) {
        schema.path("resource").path("entities").forEach(r -> resourcesByType.put(r.path("cloudFormationType").asText(), r));
        schema.path("typeDefinition").path("entities").forEach(t -> typesById.put(t.path("$id").asText(), t));
    }

    static synchronized ResourceSpec load(Path repositoryRoot) {
        if (loaded == null) {
            Path file = repositoryRoot.resolve(FILE);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(file + " is missing: npm ci in infrastructure/local installs it "
                        + "(the Maven build runs it in generate-resources)");
            }
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                loaded = new ResourceSpec(new ObjectMapper().readTree(in).path("schema"));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + file, e);
            }
        }
        return loaded;
    }

    /** The resource type's entry, or null for a type the specification does not know. */
    JsonNode resource(String type) {
        return resourcesByType.get(type);
    }

    /** A nested property type ({"type": "ref", "reference": {"$ref": id}}), or null. */
    JsonNode typeDefinition(JsonNode propertyType) {
        if (!"ref".equals(propertyType.path("type").asText())) {
            return null;
        }
        return typesById.get(propertyType.path("reference").path("$ref").asText());
    }
}
