package no.nabolag.console;

import no.nabolag.core.config.Settings;
import no.nabolag.lambda.http.HttpApiHandler;
import no.nabolag.lambda.http.web.Router;

/** The console Lambda: API Gateway HTTP API events under /console, answered by {@link Console}. */
public final class ConsoleHandler extends HttpApiHandler {
    private final Router router;

    public ConsoleHandler() {
        this(Settings.fromEnvironment());
    }

    public ConsoleHandler(Settings settings) {
        this.router = Console.from(settings).router();
    }

    @Override
    protected Router router() {
        return router;
    }
}
