package no.nabolag.local.stack;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import no.nabolag.core.config.Settings;
import no.nabolag.core.json.Json;

/** Test handler: answers with what it received, so FunctionWiringIT can check the API Gateway v2 event. */
public class EchoHttpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Settings settings;

    public EchoHttpHandler() {
        this(Settings.fromEnvironment());
    }

    public EchoHttpHandler(Settings settings) {
        this.settings = settings;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("version", event.getVersion());
        echo.put("routeKey", event.getRouteKey());
        echo.put("rawPath", event.getRawPath());
        echo.put("rawQueryString", event.getRawQueryString());
        echo.put("pathParameters", event.getPathParameters());
        echo.put("queryStringParameters", event.getQueryStringParameters());
        echo.put("cookies", event.getCookies());
        echo.put("headers", event.getHeaders());
        echo.put("method", event.getRequestContext().getHttp().getMethod());
        echo.put("sourceIp", event.getRequestContext().getHttp().getSourceIp());
        echo.put("bodyLength", event.getBody() == null ? 0 : event.getBody().length());
        echo.put("isBase64Encoded", event.getIsBase64Encoded());
        echo.put("remainingMillis", context.getRemainingTimeInMillis());
        echo.put("functionName", context.getFunctionName());
        echo.put("settings", Map.of("GREETING", settings.get("GREETING", ""), "ITEMS_TABLE",
                settings.get("ITEMS_TABLE", ""), "QUEUE_NAME", settings.get("QUEUE_NAME", ""),
                "QUEUE_URL", settings.get("QUEUE_URL", ""), "MODE", settings.get("MODE", ""),
                "JOINED", settings.get("JOINED", "")));
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", "application/json", "x-echo", "yes"))
                .withCookies(java.util.List.of("seen=1; Path=/"))
                .withBody(Json.write(echo)).build();
    }
}
