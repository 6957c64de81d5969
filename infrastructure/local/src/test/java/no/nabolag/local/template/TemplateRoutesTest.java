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
 * {@code Router.route(...)}, or for the Micronaut function (the console) its controllers' {@code @Get/@Post} routes,
 * read from its jar (see FunctionCode); the local stack serves the template's routes with the same handler classes,
 * so the three agree when these tests pass.
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
            Set<String> served = new java.util.TreeSet<>(template.code(function).constantArguments(
                    template.handlerClass(function), ROUTER, Set.of("route"), 0));
            served.addAll(template.code(function).micronautRoutes());
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

    /**
     * Issue 13: every admin route that touches a tenant's data lives under /admin/v1/tenants/{tenantId}, so an IAM
     * policy can confine a principal to one tenant. Shown with the policy docs/operator-guide.md gives Bærum's team:
     * execute-api:Invoke with GET on .../admin/v1/tenants/baerum and any method on .../admin/v1/tenants/baerum/ and
     * below (in execute-api ARNs an asterisk matches any characters, slashes included). It allows every admin route of Bærum except
     * creating or renaming the tenant itself, which stays with the deployment's operators; no route of Oslo, and none
     * of a tenant whose id merely starts with "baerum", is allowed.
     */
    @Test
    void everyAdminRouteIsUnderOneTenantsPathSoAPolicyCanConfineAPrincipalToItsTenant() {
        List<String> baerumPolicy = List.of("GET/admin/v1/tenants/baerum", "*/admin/v1/tenants/baerum/*");
        Set<String> operatorsOnly = Set.of("PUT /admin/v1/tenants/{tenantId}");
        List<String> adminRoutes = httpFunctions().stream().flatMap(f -> template.routeKeys(f).stream())
                .filter(key -> key.contains(" /admin/")).toList();

        assertThat(adminRoutes).as("admin routes").isNotEmpty().containsAll(operatorsOnly);
        for (String route : adminRoutes) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            assertThat(path).as(route).matches("/admin/v1/tenants/\\{tenantId\\}(/.*)?");
            assertThat(path.indexOf('{')).as(route + ": {tenantId} is its first parameter")
                    .isEqualTo(path.indexOf("{tenantId}"));
            assertThat(allows(baerumPolicy, method, path.replace("{tenantId}", "baerum").replaceAll("\\{[^}]+}", "x1")))
                    .as("Bærum's policy allows " + route + " for baerum").isEqualTo(!operatorsOnly.contains(route));
            for (String other : List.of("oslo", "baerum-vest", "baerumx")) {
                assertThat(allows(baerumPolicy, method, path.replace("{tenantId}", other).replaceAll("\\{[^}]+}", "x1")))
                        .as("Bærum's policy allows " + route + " for " + other).isFalse();
            }
        }
    }

    /** Whether one of the resource patterns (after ".../{apiId}/{stage}/") matches the request's ARN. */
    private static boolean allows(List<String> resources, String method, String path) {
        String arn = "arn:aws:execute-api:eu-north-1:123456789012:abcdef1234/$default/" + method + path;
        return resources.stream().anyMatch(resource -> {
            String pattern = "arn:aws:execute-api:eu-north-1:123456789012:abcdef1234/*/" + resource;
            String regex = java.util.Arrays.stream(pattern.split("\\*", -1)).map(java.util.regex.Pattern::quote)
                    .collect(java.util.stream.Collectors.joining(".*"));
            return arn.matches(regex);
        });
    }
}
