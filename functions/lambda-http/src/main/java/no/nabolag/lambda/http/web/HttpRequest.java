package no.nabolag.lambda.http.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the domain sees it, free of Lambda event types.
 *
 * @param routeKey       the matched route, e.g. "GET /v1/devices/{deviceId}" (API Gateway's routeKey)
 * @param headers        header names in lower case; repeated headers joined with commas
 * @param query          query parameters; a repeated parameter keeps every value in order
 * @param body           the decoded body, "" when there is none
 * @param sourceIp       the caller's address, for rate limits and logs
 * @param callerArn      the IAM caller's ARN when API Gateway's IAM authoriser passed the request
 *                       (requestContext.authorizer.iam.userArn), else null
 */
public record HttpRequest(
        String method,
        String path,
        String routeKey,
        Map<String, String> pathParameters,
        Map<String, List<String>> query,
        Map<String, String> headers,
        String body,
        String sourceIp,
        String callerArn) {

    /** A request without an IAM caller (public routes, tests). */
    public HttpRequest(String method, String path, String routeKey, Map<String, String> pathParameters,
                       Map<String, List<String>> query, Map<String, String> headers, String body, String sourceIp) {
        this(method, path, routeKey, pathParameters, query, headers, body, sourceIp, null);
    }

    public HttpRequest {
        pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
        query = query == null ? Map.of() : Map.copyOf(query);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    public Optional<String> queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> queryParameters(String name) {
        return query.getOrDefault(name, List.of());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
