package no.nabolag.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What every answer carries, whichever function or part of the local stack gives it: {@code nosniff}, and on a 401
 * the {@code WWW-Authenticate: Bearer} challenge. Server-Timing is on locally (the ServerTiming parameter).
 */
class StandardHeadersIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.shared();
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyAnswerOfEveryFunctionAndOfTheStackItselfForbidsSniffing() throws Exception {
        List<String> requests = List.of(
                "GET /v1/tenants", "GET /v1/posts/nosuchpost", "GET /v1/devices/" + "0".repeat(32) + "/feed",
                "GET /v1/no/such/route", "GET /admin/v1/tenants/oslo/organizations", "GET /p/garbage", "GET /p/assets/form.css",
                "GET /console", "POST /console/posts/nosuchpost/approve",
                "GET /_local/health", "GET /_local/pushes", "GET /demo/", "GET /demo/nosuch.js",
                "GET /_local/oidc/.well-known/openid-configuration");

        for (String request : requests) {
            String[] parts = request.split(" ");
            HttpResponse<String> response = send(parts[0], parts[1]);

            assertThat(response.headers().allValues("x-content-type-options")).as(request + " " + response.statusCode())
                    .containsExactly("nosniff");
        }
    }

    @Test
    void every401NamesTheBearerScheme() throws Exception {
        List<HttpResponse<String>> unauthorised = List.of(
                send("GET", "/v1/devices/" + "0".repeat(32) + "/feed"),
                send("GET", "/admin/v1/tenants/oslo/organizations"),
                send("POST", "/console/posts/nosuchpost/approve"),
                send("GET", "/console/api/posts/nosuchpost/figures"));

        assertThat(unauthorised).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(401);
            assertThat(response.headers().firstValue("www-authenticate")).as(response.uri().toString())
                    .contains("Bearer");
        });
    }

    @Test
    void theResidentApiReportsItsTimingLocally() throws Exception {
        HttpResponse<String> tenants = send("GET", "/v1/tenants");

        assertThat(tenants.headers().firstValue("server-timing")).hasValueSatisfying(timing ->
                assertThat(timing).startsWith("handler;dur=").contains("aws;dur="));
    }
}
