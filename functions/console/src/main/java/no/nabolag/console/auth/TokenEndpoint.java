package no.nabolag.console.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import no.nabolag.core.json.Json;

/** Exchanges an authorisation code (with its PKCE verifier) for tokens at the issuer's token endpoint. */
public class TokenEndpoint {
    private final OidcSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TokenEndpoint(OidcSettings settings) {
        this.settings = settings;
    }

    /** The tokens of a successful exchange. */
    public record Tokens(String idToken, String accessToken) {
    }

    /** Empty when the issuer refuses the code (expired, used, wrong verifier) or cannot be reached. */
    public Optional<Tokens> exchange(String code, String codeVerifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", settings.clientId());
        form.put("code", code);
        form.put("redirect_uri", settings.redirectUri());
        form.put("code_verifier", codeVerifier);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(settings.tokenUrl())
                .timeout(Duration.ofSeconds(10))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode json = Json.readTree(response.body());
            String idToken = json.path("id_token").asText("");
            if (idToken.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Tokens(idToken, json.path("access_token").asText("")));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
