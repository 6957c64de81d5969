package no.nabolag.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The function as Lambda and the local stack host it: payload 2.0 in and out, a warm container that stays lean. */
class ConsoleFunctionTest {
    @Test
    void thousandsOfInvocationsRegisterNoLambdaContextOrLoggerBeans() {
        try (TestConsole console = new TestConsole()) {
            ApplicationContext context = console.function.getApplicationContext();
            int contextsBefore = context.getBeanDefinitions(Context.class).size();
            int loggersBefore = context.getBeanDefinitions(LambdaLogger.class).size();

            for (int i = 0; i < 5_000; i++) {
                assertThat(console.get("/console/static/console.js").getStatusCode()).isEqualTo(200);
            }

            assertThat(context.getBeanDefinitions(Context.class)).hasSize(contextsBefore);
            assertThat(context.getBeanDefinitions(LambdaLogger.class)).hasSize(loggersBefore);
            assertThat(console.function.getApplicationContext().getBean(no.nabolag.console.lambda.CurrentLambdaContext.class)
                    .current()).containsSame(TestConsole.LAMBDA);
        }
    }

    @Test
    void micronautsOwnLambdaContextFactoryStillAddsADefinitionPerInvocation() {
        // Why CurrentLambdaContext exists: if this starts failing, micronaut-function-aws has fixed the trap upstream.
        try (ApplicationContext context = ApplicationContext.run()) {
            DefaultLambdaContextFactory factory = new DefaultLambdaContextFactory(context);
            for (int i = 0; i < 100; i++) {
                factory.registerSingletons(TestConsole.LAMBDA);
            }
            assertThat(context.getBeanDefinitions(Context.class)).hasSize(100);
        }
    }

    @Test
    void cookiesArriveFromThePayloadsCookieListAndLeaveInItsCookieList() {
        try (TestConsole console = new TestConsole()) {
            // Two cookies on one response: the sign-in attempt and the language chosen with ?lang=.
            APIGatewayV2HTTPResponse response = console.get("/console/sign-in?lang=en");

            assertThat(response.getMultiValueHeaders()).isNull();
            assertThat(response.getHeaders()).doesNotContainKey("set-cookie");
            assertThat(response.getCookies()).hasSize(2).anyMatch(c -> c.startsWith("nabolag_console="))
                    .anyMatch(c -> c.startsWith("nabolag_console_lang=en"));
        }
    }

    @Test
    void aBodyOverSixtyFourKilobytesIsRefusedBeforeTheApplication() {
        try (TestConsole console = new TestConsole()) {
            APIGatewayV2HTTPResponse response = console.post("/console/publish", "x=" + "a".repeat(70_000), Map.of());

            assertThat(response.getStatusCode()).isEqualTo(413);
        }
    }

    @Test
    void withoutAPublicBaseUrlEveryPageSaysTheConsoleIsNotConfigured() {
        try (TestConsole console = new TestConsole("")) {
            for (String path : List.of("/console", "/console/sign-in", "/console/posts", "/console/callback?code=x")) {
                APIGatewayV2HTTPResponse page = console.get(path);
                assertThat(page.getStatusCode()).as(path).isEqualTo(503);
                assertThat(page.getBody()).contains("PublicBaseUrl");
                assertThat(page.getHeaders().get("content-security-policy")).contains("default-src 'none'");
            }
            assertThat(console.get("/console/static/console.css").getStatusCode()).isEqualTo(200);
        }
    }
}
