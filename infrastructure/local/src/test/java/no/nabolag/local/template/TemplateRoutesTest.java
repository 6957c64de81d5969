package no.nabolag.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The HTTP API's routes are exactly the routes the handlers serve. A handler's routes are the keys it passes to
 * {@code Router.route(...)}, read from its jar (see FunctionCode); the local stack serves the template's routes with
 * the same handler classes, so the three agree when these tests pass.
 */
class TemplateRoutesTest {
    private static final String ROUTER = "no/nabolag/lambda/http/web/Router";
    private final Template template = Template.load();

    private List<String> httpFunctions() {
        return template.functions().stream().filter(f -> !template.events(f, "HttpApi").isEmpty()).toList();
    }

    @TestFactory
    Iterable<DynamicTest> templateRoutesEqualTheRoutesTheHandlerServes() {
        return httpFunctions().stream().map(function -> DynamicTest.dynamicTest(function, () -> {
            Set<String> served = template.code(function).constantArguments(template.handlerClass(function), ROUTER,
                    Set.of("route"), 0);
            assertThat(served).as(function + ": routes in Router vs template.yaml").isEqualTo(template.routeKeys(function));
        })).toList();
    }

    @Test
    void noRouteIsServedByTwoFunctions() {
        Map<String, String> owner = new HashMap<>();
        for (String function : httpFunctions()) {
            for (String route : template.routeKeys(function)) {
                assertThat(owner.put(route, function)).as(route + " is declared twice").isNull();
            }
        }
    }

    @Test
    void everyAdminRouteAndOnlyAdminRoutesRequireIamAuthorisation() {
        assertThat(Template.map(Template.properties(template.resource("HttpApi")).get("Auth")).get("EnableIamAuthorizer"))
                .isEqualTo(true);
        int admin = 0;
        for (String function : httpFunctions()) {
            for (var event : template.events(function, "HttpApi").entrySet()) {
                String path = String.valueOf(event.getValue().get("Path"));
                Object authorizer = Template.map(event.getValue().get("Auth")).get("Authorizer");
                if (path.startsWith("/admin/") || path.equals("/admin")) {
                    admin++;
                    assertThat(authorizer).as(function + "." + event.getKey() + " " + path).isEqualTo("AWS_IAM");
                } else if (path.startsWith("/console/api/")) {
                    // The console's JSON routes take a Cognito access token (its pages check their session cookie).
                    assertThat(authorizer).as(function + "." + event.getKey() + " " + path).isEqualTo("ConsoleJwt");
                } else {
                    assertThat(authorizer).as(function + "." + event.getKey() + " " + path + " is public").isNull();
                }
            }
        }
        assertThat(admin).as("admin routes").isPositive();
    }
}
