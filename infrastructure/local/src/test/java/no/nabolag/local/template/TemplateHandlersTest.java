package no.nabolag.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each function's Handler is a class in the jar that its CodeUri names (the shaded jar mvn package builds and
 * sam deploy uploads, see Metadata.SkipBuild), implements Lambda's RequestHandler or RequestStreamHandler,
 * has the public no-argument constructor Lambda calls, and has the handler method.
 */
class TemplateHandlersTest {
    private final Template template = Template.load();

    @Test
    void everyFunctionIsAPrebuiltJarThatSamDoesNotRebuild() {
        assertThat(template.functions()).isNotEmpty();
        for (String function : template.functions()) {
            Map<String, Object> metadata = Template.map(template.resource(function).get("Metadata"));
            assertThat(metadata.get("SkipBuild")).as(function + " Metadata.SkipBuild").isEqualTo(true);
            assertThat(String.valueOf(Template.properties(template.resource(function)).get("CodeUri")))
                    .as(function + " CodeUri").matches("functions/[a-z-]+/target/[a-z-]+-lambda\\.jar");
        }
    }

    @TestFactory
    Iterable<DynamicTest> everyHandlerIsALambdaHandlerInItsJar() {
        return template.functions().stream().map(function -> DynamicTest.dynamicTest(function, () -> {
            var jar = template.codeUri(function);
            assertThat(Files.isRegularFile(jar)).as(jar + " (built by mvn package)").isTrue();
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader())) {
                Class<?> handler = Class.forName(template.handlerClass(function), false, loader);
                Class<?> requestHandler = Class.forName("com.amazonaws.services.lambda.runtime.RequestHandler", false, loader);
                Class<?> streamHandler = Class.forName("com.amazonaws.services.lambda.runtime.RequestStreamHandler", false, loader);
                assertThat(requestHandler.isAssignableFrom(handler) || streamHandler.isAssignableFrom(handler))
                        .as(handler + " implements RequestHandler or RequestStreamHandler").isTrue();
                assertThat(Modifier.isAbstract(handler.getModifiers())).as(handler + " is concrete").isFalse();
                assertThat(handler.getConstructor().getModifiers() & Modifier.PUBLIC).as("public no-arg constructor")
                        .isNotZero();
                assertThat(Arrays.stream(handler.getMethods()).map(Method::getName))
                        .as(handler + " handler method").contains(template.handlerMethod(function));
            }
        })).toList();
    }
}
