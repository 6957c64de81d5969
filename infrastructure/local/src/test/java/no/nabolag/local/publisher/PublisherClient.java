package no.nabolag.local.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nabolag.core.json.Json;
import no.nabolag.local.LocalStack;

/** Talks to the publisher routes of the shared local stack over HTTP, as a browser and an admin would. */
final class PublisherClient {
    static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    final LocalStack stack = LocalStack.shared();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A unique name, so tests sharing the stack find their own data. */
    static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    HttpResponse<String> admin(String method, String path, String json) {
        return admin(method, path, json, "Bearer " + stack.adminToken());
    }

    HttpResponse<String> admin(String method, String path, String json, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.baseUrl().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("authorization", authorization);
        }
        return send(request.build());
    }

    JsonNode json(HttpResponse<String> response) {
        try {
            return Json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates an organisation in the demo tenant (oslo) and returns its id. */
    String organization(String name, String kind, boolean trusted, List<String> districts, List<String> categories) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("kind", kind);
        body.put("tenantId", "oslo");
        body.put("districtIds", districts);
        body.put("categoryIds", categories);
        body.put("trusted", trusted);
        HttpResponse<String> response = admin("POST", "/admin/v1/tenants/oslo/organizations", Json.write(body));
        if (response.statusCode() != 201) {
            throw new AssertionError("create organization: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("organizationId").asText();
    }

    String unit(String name) {
        return organization(name, "unit", false, List.of("sagene", "grunerlokka"), List.of("culture-events", "youth"));
    }

    String external(String name, boolean trusted) {
        return organization(name, "external", trusted, List.of("sagene"), List.of("sports-outdoors"));
    }

    /** Issues a link and returns its JSON ({linkId, url, expiresAt}). */
    JsonNode link(String organizationId, int validDays) {
        HttpResponse<String> response = admin("POST", "/admin/v1/tenants/oslo/organizations/" + organizationId + "/links",
                "{\"validDays\": " + validDays + "}");
        if (response.statusCode() != 201) {
            throw new AssertionError("issue link: " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    String linkUrl(String organizationId) {
        return link(organizationId, 30).get("url").asText();
    }

    HttpResponse<String> get(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    HttpResponse<String> postForm(String url, Map<String, List<String>> fields) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields))).build());
    }

    /** Opens the form and returns its CSRF token. */
    String csrf(String url) {
        HttpResponse<String> form = get(url);
        Matcher m = CSRF.matcher(form.body());
        if (form.statusCode() != 200 || !m.find()) {
            throw new AssertionError("no form at " + url + ": " + form.statusCode());
        }
        return m.group(1).replace("&#61;", "=");
    }

    /** A complete, valid submission for an organisation made by {@link #unit} or {@link #external}. */
    static Map<String, List<String>> validPost(String csrf, String title, String district, String category) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("csrf", List.of(csrf));
        fields.put("title", List.of(title));
        fields.put("body", List.of("Velkommen til konsert i parken.\nLes mer: https://oslo.kommune.no/sagene"));
        fields.put("district", new ArrayList<>(List.of(district)));
        fields.put("category", new ArrayList<>(List.of(category)));
        fields.put("url", List.of(""));
        fields.put("publishAt", List.of(""));
        fields.put("expiresAt", List.of(""));
        fields.put("titleEn", List.of(""));
        fields.put("bodyEn", List.of(""));
        return fields;
    }

    /** Submits and follows the 303 to the post id. */
    String submit(String url, Map<String, List<String>> fields) {
        HttpResponse<String> response = postForm(url, fields);
        if (response.statusCode() != 303) {
            throw new AssertionError("submit: " + response.statusCode() + " " + response.body());
        }
        String location = response.headers().firstValue("location").orElseThrow();
        return postIdOf(location);
    }

    static String postIdOf(String receiptUrl) {
        String path = URI.create(receiptUrl).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    JsonNode post(String postId) {
        HttpResponse<String> response = admin("GET", "/admin/v1/tenants/oslo/posts/" + postId, null);
        if (response.statusCode() != 200) {
            throw new AssertionError("get post: " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    static String encode(Map<String, List<String>> fields) {
        List<String> pairs = new ArrayList<>();
        fields.forEach((name, values) -> values.forEach(value -> pairs.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return String.join("&", pairs);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
