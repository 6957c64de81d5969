package no.nabolag.lambda.http.web;

import java.util.LinkedHashMap;
import java.util.Map;
import no.nabolag.core.json.Json;

/** An HTTP response as the domain builds it; the Lambda adapter turns it into API Gateway's shape. */
public record HttpResponse(int status, Map<String, String> headers, String body) {
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String HTML = "text/html; charset=utf-8";

    public HttpResponse {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    public static HttpResponse json(int status, Object value) {
        return new HttpResponse(status, Map.of("content-type", JSON), Json.write(value));
    }

    public static HttpResponse noContent() {
        return new HttpResponse(204, Map.of(), "");
    }

    public static HttpResponse of(int status, String contentType, String body) {
        return new HttpResponse(status, Map.of("content-type", contentType), body);
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return new HttpResponse(status, copy, body);
    }
}
