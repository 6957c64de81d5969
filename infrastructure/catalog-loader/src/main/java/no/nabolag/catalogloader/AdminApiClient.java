package no.nabolag.catalogloader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The few catalog calls of the admin API the loader needs, over HTTP with a {@link RequestSigner}. */
public final class AdminApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI baseUrl;
    private final RequestSigner signer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public AdminApiClient(URI baseUrl, RequestSigner signer) {
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        this.signer = signer;
    }

    /** The tenant with all districts and categories (retired included), or empty when it does not exist. */
    public Optional<JsonNode> tenant(String tenantId) throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", "admin/v1/tenants/" + tenantId, null);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(JSON.readTree(expectOk(response, "GET tenant " + tenantId)));
    }

    /** PUTs a resource; returns the answer's "change" (created, updated, unchanged). */
    public String put(String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = send("PUT", path, JSON.writeValueAsString(body));
        return JSON.readTree(expectOk(response, "PUT /" + path)).path("change").asText("updated");
    }

    private HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        URI uri = baseUrl.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        signer.headers(method, uri, body).forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-type")) {
                request.header(name, value);
            }
        });
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String expectOk(HttpResponse<String> response, String what) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new IOException(what + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
