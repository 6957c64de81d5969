package no.nabolag.lambda.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.nabolag.core.log.JsonLog;
import no.nabolag.lambda.http.web.FormData;
import no.nabolag.lambda.http.web.HttpRequest;
import no.nabolag.lambda.http.web.HttpResponse;
import no.nabolag.lambda.http.web.Problem;
import no.nabolag.lambda.http.web.Router;

/**
 * The thin Lambda entry point of an HTTP API function: translates the API Gateway v2 (payload 2.0)
 * event into a core {@link HttpRequest}, lets the function's {@link Router} answer, and translates back.
 */
public abstract class HttpApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** API Gateway accepts up to 10 MB; our largest legitimate body (a post form) is far below this. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String NOSNIFF_HEADER = "x-content-type-options";
    private static final String CHALLENGE_HEADER = "www-authenticate";

    /** Held so CRaC (which references resources weakly) keeps the priming hook as long as the handler lives. */
    private final SnapStartPriming priming = SnapStartPriming.register(this);

    protected abstract Router router();

    /**
     * Requests the function answers once before a SnapStart snapshot (see {@link SnapStartPriming}). The default:
     * every GET route without path parameters (e.g. "GET /v1/tenants"), which by HTTP semantics only read. Override to
     * add a realistic read such as a feed page; never return a request that writes, pushes or sends.
     */
    protected List<HttpRequest> primingRequests() {
        List<HttpRequest> requests = new ArrayList<>();
        for (String routeKey : router().routeKeys()) {
            if (routeKey.startsWith("GET ") && !routeKey.contains("{")) {
                String path = routeKey.substring(4);
                requests.add(new HttpRequest("GET", path, routeKey, Map.of(), Map.of(),
                        Map.of("accept", "application/json, text/html", "accept-language", "nb"), "", "127.0.0.1"));
            }
        }
        return requests;
    }

    /** Answers the priming requests, ignoring every outcome; returns how many ran. */
    int prime() {
        int count = 0;
        for (HttpRequest request : primingRequests()) {
            try {
                router().handle(request);
                count++;
            } catch (RuntimeException | LinkageError e) {
                // A failed priming request only means a colder first request; it must never fail the snapshot.
            }
        }
        return count;
    }

    /** The entry point: every log line of the invocation carries its request id ({@link JsonLog#requestScope}). */
    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try (var scope = JsonLog.requestScope(context == null ? null : context.getAwsRequestId())) {
            return handle(event, context);
        }
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        String body = decodeBody(event);
        HttpResponse response = withStandardHeaders(body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES
                ? Problem.payloadTooLarge(MAX_BODY_BYTES).toResponse()
                : router().handle(toRequest(event, body)));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    /**
     * What every answer of every HTTP function carries: {@code X-Content-Type-Options: nosniff} (no browser reads a
     * JSON answer or an error body as HTML or script), and on a 401 the challenge RFC 9110 requires,
     * {@code WWW-Authenticate: Bearer} (device secrets, the admin token and console access tokens are all bearer
     * credentials). A header the route set itself is kept.
     */
    public static HttpResponse withStandardHeaders(HttpResponse response) {
        HttpResponse answer = response;
        if (!answer.headers().containsKey(NOSNIFF_HEADER)) {
            answer = answer.withHeader(NOSNIFF_HEADER, "nosniff");
        }
        if (answer.status() == 401 && !answer.headers().containsKey(CHALLENGE_HEADER)) {
            answer = answer.withHeader(CHALLENGE_HEADER, "Bearer");
        }
        return answer;
    }

    static HttpRequest toRequest(APIGatewayV2HTTPEvent event, String body) {
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        String method = http == null ? "GET" : http.getMethod();
        String sourceIp = http == null ? null : http.getSourceIp();
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
        if (event.getCookies() != null && !event.getCookies().isEmpty()) {
            headers.put("cookie", String.join("; ", event.getCookies()));
        }
        var authorizer = event.getRequestContext() == null ? null : event.getRequestContext().getAuthorizer();
        String callerArn = authorizer == null || authorizer.getIam() == null ? null : authorizer.getIam().getUserArn();
        return new HttpRequest(method, event.getRawPath(), event.getRouteKey(), event.getPathParameters(),
                parseQuery(event.getRawQueryString()), headers, body, sourceIp, callerArn);
    }

    /** Parses the raw query string so repeated parameters keep every value (API Gateway joins them with commas). */
    static Map<String, List<String>> parseQuery(String raw) {
        return FormData.decode(raw);
    }

    private static String decodeBody(APIGatewayV2HTTPEvent event) {
        if (event.getBody() == null) {
            return "";
        }
        if (event.getIsBase64Encoded()) {
            return new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8);
        }
        return event.getBody();
    }
}
