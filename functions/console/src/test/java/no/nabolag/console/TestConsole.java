package no.nabolag.console;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import no.nabolag.core.config.Settings;
import no.nabolag.core.security.SigningKeys;

/**
 * The console function in a test, invoked with API Gateway v2 events as API Gateway (or the local stack) would send
 * them, against a {@link TestIssuer}, with fixed signing keys and no AWS services (pages that read DynamoDB are the
 * integration tests' business).
 */
final class TestConsole implements AutoCloseable {
    static final String BASE = "http://127.0.0.1:9999";
    static final String KEYS = "{\"currentKeyId\":\"k1\",\"k1\":\"unit-test-signing-key-0123456789abcdef\"}";
    final TestIssuer issuer = new TestIssuer();
    final ConsoleFunction function;

    TestConsole() {
        this(BASE);
    }

    TestConsole(String publicBaseUrl) {
        Settings settings = Settings.of(new LinkedHashMap<>(issuer.consoleSettings(publicBaseUrl)));
        SigningKeys keys = SigningKeys.parse(KEYS);
        function = new ConsoleFunction(new ConsoleEnvironment(settings, ConsoleSettings.from(settings), () -> keys,
                ConsoleServices::none, Clock.systemUTC()));
    }

    APIGatewayV2HTTPResponse get(String pathAndQuery, String... cookies) {
        return send("GET", pathAndQuery, null, Map.of(), cookies);
    }

    APIGatewayV2HTTPResponse post(String path, String form, Map<String, String> headers, String... cookies) {
        return send("POST", path, form, headers, cookies);
    }

    APIGatewayV2HTTPResponse send(String method, String pathAndQuery, String body, Map<String, String> extraHeaders,
                                  String... cookies) {
        URI uri = URI.create(pathAndQuery);
        Map<String, String> headers = new LinkedHashMap<>(Map.of("host", "127.0.0.1:9999", "accept-language", "nb"));
        if (body != null) {
            headers.put("content-type", "application/x-www-form-urlencoded");
        }
        extraHeaders.forEach((k, v) -> headers.put(k.toLowerCase(), v));
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                query.merge(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)),
                        (a, b) -> a + "," + b);
            }
        }
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(uri.getRawPath())
                .withSourceIp("127.0.0.1").build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(http).withRequestId(UUID.randomUUID().toString())
                .build();
        List<String> cookieList = new ArrayList<>();
        for (String cookie : cookies) {
            if (cookie != null) {
                cookieList.add(cookie);
            }
        }
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRawPath(uri.getRawPath())
                .withRawQueryString(uri.getRawQuery() == null ? "" : uri.getRawQuery())
                .withQueryStringParameters(query.isEmpty() ? null : query).withHeaders(headers)
                .withCookies(cookieList.isEmpty() ? null : cookieList).withBody(body).withIsBase64Encoded(false)
                .withRequestContext(context).build();
        return function.handleRequest(event, LAMBDA);
    }

    /** Signs in through the test issuer with these groups and returns the session cookie ("nabolag_console=..."). */
    String signIn(List<String> groups) {
        return callback(groups, b -> b).getCookies().stream().filter(c -> c.startsWith("nabolag_console="))
                .map(c -> c.split(";", 2)[0]).findFirst().orElseThrow(() -> new AssertionError("No session cookie"));
    }

    /** Goes through sign-in up to the callback, with the issuer's ID token tweaked as the test wants. */
    APIGatewayV2HTTPResponse callback(List<String> groups, UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder> tweak) {
        APIGatewayV2HTTPResponse start = get("/console/sign-in?returnTo=/console/posts");
        Map<String, String> authorize = query(URI.create(start.getHeaders().get("location")));
        String code = issuer.issueCode(authorize.get("nonce"), authorize.get("code_challenge"),
                authorize.get("redirect_uri"), groups, tweak);
        return get("/console/callback?code=" + code + "&state=" + enc(authorize.get("state")), cookie(start));
    }

    /** The console cookie a response sets, as a request would send it back ("nabolag_console=..."). */
    static String cookie(APIGatewayV2HTTPResponse response) {
        return response.getCookies().stream().filter(c -> c.startsWith("nabolag_console=")).map(c -> c.split(";", 2)[0])
                .findFirst().orElseThrow(() -> new AssertionError("No console cookie in " + response.getCookies()));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        return values;
    }

    static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        function.close();
        issuer.close();
    }

    static final Context LAMBDA = new Context() {
        @Override public String getAwsRequestId() { return UUID.randomUUID().toString(); }
        @Override public String getLogGroupName() { return "/aws/lambda/console"; }
        @Override public String getLogStreamName() { return "test"; }
        @Override public String getFunctionName() { return "ConsoleFunction"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:eu-north-1:000000000000:function:console"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 30_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { }
                @Override public void log(byte[] message) { }
            };
        }
    };
}
