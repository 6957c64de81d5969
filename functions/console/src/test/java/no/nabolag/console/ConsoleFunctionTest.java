package no.nabolag.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import io.micronaut.http.client.HttpClientRegistry;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.SecurityFilter;
import java.util.List;
import java.util.Map;
import no.nabolag.console.lambda.ConsolePriming;
import no.nabolag.console.security.SessionCookies;
import no.nabolag.console.web.MustacheViewsRenderer;
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

    @Test
    void aSignedInPageBuildsNothingThatOnlySigningInNeeds() {
        // Cold start (decision record 0001): the HTTP client, its JSON mapper and TLS setup serve the token exchange
        // and the issuer's keys only; a page view with a session must not build them.
        try (TestConsole console = new TestConsole()) {
            ApplicationContext context = console.function.getApplicationContext();
            Cookie session = context.getBean(SessionCookies.class).start(Authentication.build("editor", List.of(),
                    Map.of("token_use", "session", "name", "Editor", "csrf", "c")));

            APIGatewayV2HTTPResponse page = console.get("/console", session.getName() + "=" + session.getValue());

            assertThat(page.getStatusCode()).isEqualTo(200);
            assertThat(context.getActiveBeanRegistrations(HttpClientRegistry.class)).isEmpty();
            assertThat(context.getActiveBeanRegistrations(JsonMapper.class)).isEmpty();
        }
    }

    @Test
    void snapStartPrimingBuildsThePagePathBeforeTheSnapshot() {
        // Beans are created on first use, so priming is what puts the request path into the snapshot.
        try (TestConsole console = new TestConsole()) {
            ApplicationContext context = console.function.getApplicationContext();
            assertThat(context.getActiveBeanRegistrations(SecurityFilter.class)).isEmpty();

            // A static file, a page without a session, and the post list and moderation queue with a session.
            assertThat(ConsolePriming.register(console.function).prime()).isEqualTo(4);

            assertThat(context.getActiveBeanRegistrations(SecurityFilter.class)).hasSize(1);
            assertThat(context.getActiveBeanRegistrations(MustacheViewsRenderer.class)).hasSize(1);
            assertThat(context.getActiveBeanRegistrations(SessionCookies.class)).hasSize(1);
        }
    }
}
