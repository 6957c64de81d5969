package no.nabolag.console;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import no.nabolag.core.config.Settings;
import no.nabolag.lambda.http.HttpApiHandler;
import no.nabolag.lambda.http.web.HttpResponse;
import no.nabolag.lambda.http.web.Router;

/**
 * The console Lambda: API Gateway HTTP API events under /console, answered by {@link Console}, or by
 * {@link ConsoleNotConfigured} on every route while PublicBaseUrl (or another sign-in setting) is missing.
 */
public final class ConsoleHandler extends HttpApiHandler {
    private final Router router;
    private final ConsoleNotConfigured notConfigured;

    public ConsoleHandler() {
        this(Settings.fromEnvironment());
    }

    public ConsoleHandler(Settings settings) {
        this.notConfigured = ConsoleNotConfigured.check(settings);
        this.router = notConfigured == null ? Console.from(settings).router() : new Router();
    }

    /** For tests: a console built from its parts. */
    public ConsoleHandler(Console console) {
        this.notConfigured = null;
        this.router = console.router();
    }

    @Override
    protected Router router() {
        return router;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (notConfigured == null) {
            return super.handleRequest(event, context);
        }
        HttpResponse page = notConfigured.page();
        return APIGatewayV2HTTPResponse.builder().withStatusCode(page.status()).withHeaders(page.headers())
                .withBody(page.body()).withIsBase64Encoded(false).build();
    }
}
