package no.nabolag.resident;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ResidentApiRoutesTest {
    @Test
    void theHandlerServesExactlyTheRoutesTemplateYamlGivesResidentApiFunction() throws Exception {
        // Arrange: the ResidentApiFunction section of template.yaml (read as text; no YAML library in function modules).
        String template = Files.readString(Path.of("../../template.yaml"));
        int start = template.indexOf("  ResidentApiFunction:");
        int end = template.indexOf("\n  PublisherFunction:", start);
        Matcher m = Pattern.compile("Method: (\\w+), Path: (?:\"([^\"]+)\"|([^\\s}]+))").matcher(template.substring(start, end));
        Set<String> expected = new LinkedHashSet<>();
        while (m.find()) {
            String path = m.group(2) != null ? m.group(2) : m.group(3);
            expected.add(path.equals("$default") ? "$default" : m.group(1) + " " + path);
        }

        // Act
        ResidentApi api = new ResidentApi(null, null, null, null, null, null, null, "", java.time.Clock.systemUTC());

        // Assert
        assertThat(expected).hasSize(13);
        assertThat(ResidentApi.routeKeys(api)).containsExactlyInAnyOrderElementsOf(expected);
    }
}
