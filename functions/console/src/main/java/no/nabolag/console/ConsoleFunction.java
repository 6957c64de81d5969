package no.nabolag.console;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.nabolag.console.lambda.ConsolePriming;
import no.nabolag.core.config.Settings;
import no.nabolag.core.log.JsonLog;

/**
 * The console Lambda (template.yaml's ConsoleFunction): API Gateway HTTP API events (payload 2.0) answered by the
 * console's Micronaut controllers through micronaut-function-aws-api-proxy.
 *
 * <p>Three corrections to the proxy's event mapping, both of which this class owns (ConsoleFunctionTest covers them):
 * <ul>
 *   <li>a GET carries no Content-Length, and the proxy fails to read its (empty) body: it gets Content-Length: 0;</li>
 *   <li>payload 2.0 carries the request's cookies in {@code cookies}, not in a Cookie header, and the proxy reads only
 *       the header: the cookies are put back into a Cookie header;</li>
 *   <li>payload 2.0 responses have no multi-value headers (API Gateway ignores {@code multiValueHeaders}, so all but
 *       the first Set-Cookie would be lost): Set-Cookie values go to {@code cookies}, other headers stay single.</li>
 * </ul>
 * Bodies over 64 KB are refused before the application sees them (no console form comes near that).
 */
public class ConsoleFunction extends APIGatewayV2HTTPEventFunction {
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** Held so CRaC (which references resources weakly) keeps the priming hook as long as the function lives. */
    private final ConsolePriming priming;

    /** What Lambda calls: settings from the environment. */
    public ConsoleFunction() {
        this(Settings.fromEnvironment());
    }

    /** What the local stack calls, with the settings it built from template.yaml. */
    public ConsoleFunction(Settings settings) {
        this(ConsoleEnvironment.from(settings));
    }

    public ConsoleFunction(ConsoleEnvironment environment) {
        this(ConsoleApplication.start(environment));
    }

    private ConsoleFunction(ApplicationContext context) {
        super(context);
        this.priming = ConsolePriming.register(this);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try (var scope = JsonLog.requestScope(context == null ? null : context.getAwsRequestId())) {
            return answer(event, context);
        }
    }

    private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event, Context context) {
        if (bodyBytes(event) > MAX_BODY_BYTES) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(413)
                    .withHeaders(Map.of("content-type", "application/problem+json", "x-content-type-options", "nosniff"))
                    .withBody("{\"type\":\"about:blank\",\"title\":\"Payload Too Large\",\"status\":413,"
                            + "\"detail\":\"The request body is larger than " + MAX_BODY_BYTES + " bytes\"}")
                    .build();
        }
        return toPayload2(super.handleRequest(normalized(event), context));
    }

    /**
     * Payload 2.0 moves the Cookie header into {@code cookies}, and the proxy reads cookies from the header only; a
     * request without a body and without Content-Length (any GET) makes the proxy's body builder fail the moment
     * something asks for the body (Micronaut Security's callback does), so such a request says Content-Length: 0.
     */
    static APIGatewayV2HTTPEvent normalized(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> {
                if (!name.equalsIgnoreCase("cookie")) {
                    headers.put(name.toLowerCase(Locale.ROOT), value);
                }
            });
        }
        if (event.getCookies() != null && !event.getCookies().isEmpty()) {
            headers.put("cookie", String.join("; ", event.getCookies()));
        } else if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> {
                if (name.equalsIgnoreCase("cookie")) {
                    headers.put("cookie", value);
                }
            });
        }
        if (event.getBody() == null || event.getBody().isEmpty()) {
            headers.put("content-length", "0");
        }
        event.setHeaders(headers);
        return event;
    }

    /** A payload 2.0 response: Set-Cookie values in {@code cookies}, every other header as one (lower-case) value. */
    static APIGatewayV2HTTPResponse toPayload2(APIGatewayV2HTTPResponse response) {
        Map<String, List<String>> multi = response.getMultiValueHeaders();
        if (multi == null) {
            return response;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        multi.forEach((name, values) -> {
            if (values == null || values.isEmpty()) {
                return;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("set-cookie")) {
                cookies.addAll(values);
            } else {
                headers.put(lower, String.join(", ", values));
            }
        });
        response.setHeaders(headers);
        response.setMultiValueHeaders(null);
        response.setCookies(cookies.isEmpty() ? null : cookies);
        return response;
    }

    private static long bodyBytes(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return 0;
        }
        return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body).length
                : body.getBytes(StandardCharsets.UTF_8).length;
    }
}
