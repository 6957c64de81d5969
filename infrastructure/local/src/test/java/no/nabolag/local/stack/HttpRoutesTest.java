package no.nabolag.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import no.nabolag.core.config.Settings;
import no.nabolag.local.wiring.HttpRoutes;
import no.nabolag.local.wiring.LocalFunction;
import org.junit.jupiter.api.Test;

class HttpRoutesTest {
    private final LocalFunction function = new LocalFunction("Fn", "x.Y::handleRequest", Settings.of(Map.of()), 3, 128, "arn");

    private HttpRoutes routes() {
        HttpRoutes routes = new HttpRoutes();
        routes.add("GET", "/v1/districts/{districtId}/feed", function);
        routes.add("GET", "/v1/districts/{districtId}/feed.atom", function);
        routes.add("GET", "/v1/posts/{postId}", function);
        routes.add("GET", "/v1/posts/latest", function);
        routes.add("ANY", "/v1/posts/{postId}", function);
        routes.add("ANY", "/static/{proxy+}", function);
        routes.add("ANY", "$default", function);
        return routes;
    }

    private String routeKey(String method, String path) {
        return routes().match(method, path).orElseThrow().route().routeKey();
    }

    @Test
    void literalSegmentsWinOverParametersAndConcreteMethodsOverAny() {
        assertThat(routeKey("GET", "/v1/posts/latest")).isEqualTo("GET /v1/posts/latest");
        assertThat(routeKey("GET", "/v1/posts/abc")).isEqualTo("GET /v1/posts/{postId}");
        assertThat(routeKey("DELETE", "/v1/posts/abc")).isEqualTo("ANY /v1/posts/{postId}");
        assertThat(routeKey("GET", "/v1/districts/sagene/feed.atom")).isEqualTo("GET /v1/districts/{districtId}/feed.atom");
    }

    @Test
    void parametersAreDecodedAndGreedyPathsTakeTheRest() {
        var match = routes().match("GET", "/v1/districts/st%20hanshaugen/feed").orElseThrow();
        var greedy = routes().match("POST", "/static/css/site.css").orElseThrow();

        assertThat(match.pathParameters()).containsEntry("districtId", "st hanshaugen");
        assertThat(greedy.pathParameters()).containsEntry("proxy", "css/site.css");
    }

    @Test
    void everythingElseGoesToTheDefaultRoute() {
        assertThat(routeKey("GET", "/nothing")).isEqualTo("$default");
        assertThat(routeKey("GET", "/v1/posts")).isEqualTo("$default");
        assertThat(routeKey("GET", "/static")).isEqualTo("$default");
        assertThat(routeKey("GET", "/v1/posts/a/b")).isEqualTo("$default");
    }

    @Test
    void withoutADefaultRouteNothingMatches() {
        HttpRoutes routes = new HttpRoutes();
        routes.add("GET", "/a", function);

        assertThat(routes.match("GET", "/b")).isEmpty();
    }
}
