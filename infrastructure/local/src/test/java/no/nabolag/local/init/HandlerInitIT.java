package no.nabolag.local.init;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nabolag.local.LocalStack;
import no.nabolag.local.LocalStackConfig;
import no.nabolag.local.template.TemplateModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every function of template.yaml initialises with the template's default parameters, as on a first {@code sam deploy}
 * (no local parameter file: PublicBaseUrl and the platform application ARNs empty, the admin API behind IAM). Each
 * handler starts as Lambda starts it: in its own JVM, from its deployment jar (CodeUri) alone, with exactly the
 * environment the template yields plus what Lambda itself sets, constructed through its public no-arg constructor.
 * With SnapStart that init runs when the version is published: a failure here is a failed {@code FunctionVersion}
 * and a rolled-back stack in AWS.
 */
class HandlerInitIT {
    private static LocalStack stack;
    private static Path launcher;

    @BeforeAll
    static void start() throws IOException {
        stack = LocalStack.start(LocalStackConfig.defaults().withoutLocalParameters().withSeed(false)
                .withSchedules(false));
        launcher = Files.createTempDirectory("lambda-init");
        Path classFile = launcher.resolve("no/nabolag/local/init/LambdaInit.class");
        Files.createDirectories(classFile.getParent());
        try (InputStream in = LambdaInit.class.getResourceAsStream("LambdaInit.class")) {
            Files.write(classFile, in.readAllBytes());
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (stack != null) {
            stack.close();
        }
        if (launcher != null) {
            try (var files = Files.walk(launcher)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @TestFactory
    List<DynamicTest> everyHandlerInitialisesWithTheDefaultParameters() {
        TemplateModel template = TemplateModel.load(stack.config().template());
        return template.resourcesOfType("AWS::Serverless::Function").stream().map(function ->
                DynamicTest.dynamicTest(function, () -> {
                    Map<String, String> environment = stack.environmentOf(function);
                    Path jar = stack.config().repoRoot().resolve(String.valueOf(template.functionProperty(function,
                            "CodeUri")));
                    assertThat(jar).as("the deployment jar of " + function + " (mvn package builds it)").isRegularFile();

                    Init init = initialise(String.valueOf(template.functionProperty(function, "Handler")), jar,
                            environment);

                    assertThat(init.exitCode()).as(function + " init failed:\n" + init.output()).isZero();
                    assertThat(init.output()).contains(LambdaInit.OK);
                })).toList();
    }

    @TestFactory
    List<DynamicTest> theDefaultsAreTheTemplatesNotTheLocalFiles() {
        return List.of(
                DynamicTest.dynamicTest("no base URL", () -> assertThat(stack.parameters())
                        .containsEntry("PublicBaseUrl", "")),
                DynamicTest.dynamicTest("no platform applications", () -> assertThat(stack.parameters())
                        .containsEntry("ApnsPlatformApplicationArn", "").containsEntry("FcmPlatformApplicationArn", "")),
                DynamicTest.dynamicTest("the admin API behind IAM", () -> assertThat(
                        stack.environmentOf("PublisherFunction")).containsEntry("ADMIN_AUTH", "iam")
                        .doesNotContainKey("NABOLAG_ADMIN_TOKEN")));
    }

    private record Init(int exitCode, String output) {
    }

    private static Init initialise(String handler, Path jar, Map<String, String> environment) throws Exception {
        Path javaCommand = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(javaCommand.toString(), "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", jar + java.io.File.pathSeparator + launcher, LambdaInit.class.getName(), handler)
                .redirectErrorStream(true);
        // Only the function's environment and what Lambda sets: nothing of this JVM's environment leaks in.
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        builder.environment().put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        builder.environment().put("LAMBDA_TASK_ROOT", jar.getParent().toString());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Init(-1, "timed out: " + new String(output, StandardCharsets.UTF_8));
        }
        return new Init(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
