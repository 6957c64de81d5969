package no.nabolag.console.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.security.authentication.Authentication;
import java.util.List;
import java.util.Map;
import no.nabolag.console.ConsoleFunction;
import no.nabolag.console.security.SessionCookies;
import no.nabolag.console.web.MustacheViewsRenderer;
import no.nabolag.core.log.JsonLog;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming for the console: just before Lambda snapshots the initialised JVM of a new version, the function
 * answers a few requests the way a browser would, so the request path (Micronaut's routing, security filters and
 * JWT validation, the views, the DynamoDB reads of a page) is loaded and compiled in the snapshot instead of on a
 * staff member's first click. Reads only: a static file, a page without a session (the redirect to sign in), and
 * the post list and moderation queue for a session of a member with no role (who sees nothing, so the pages render
 * empty after real queries), after compiling every page template. Uses the CRaC API that SnapStart honours; without CRaC, as locally, registering is a
 * no-op. Priming never fails the snapshot: errors are logged only.
 */
public final class ConsolePriming implements Resource {
    private static final JsonLog LOG = JsonLog.forClass(ConsolePriming.class);
    private final ConsoleFunction function;

    private ConsolePriming(ConsoleFunction function) {
        this.function = function;
    }

    /** Registers the hook; CRaC keeps resources weakly, so the function keeps the returned object in a field. */
    public static ConsolePriming register(ConsoleFunction function) {
        ConsolePriming priming = new ConsolePriming(function);
        try {
            Core.getGlobalContext().register(priming);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("SnapStart priming not registered", Map.of("errorType", e.getClass().getName()));
        }
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        int primed = prime();
        LOG.info("Primed before snapshot", Map.of("requests", primed, "ms", (System.nanoTime() - started) / 1_000_000));
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to do: SDK clients and the JWKS fetcher reconnect on first use after restore.
    }

    /** Answers the priming requests, ignoring every outcome; returns how many were answered. */
    public int prime() {
        function.getApplicationContext().findBean(MustacheViewsRenderer.class).ifPresent(MustacheViewsRenderer::compileAll);
        int count = 0;
        String session = sessionCookie();
        for (APIGatewayV2HTTPEvent event : List.of(get("/console/static/console.css", null), get("/console", null),
                get("/console/posts", session), get("/console/moderation", session))) {
            try {
                function.handleRequest(event, null);
                count++;
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("priming request failed", Map.of("path", event.getRawPath(), "errorType", e.getClass().getName()));
            }
        }
        return count;
    }

    private String sessionCookie() {
        try {
            return function.getApplicationContext().findBean(SessionCookies.class)
                    .map(cookies -> cookies.start(Authentication.build("snapstart-priming", List.of(),
                            Map.of("token_use", "session", "name", "", "csrf", "priming"))))
                    .map(cookie -> cookie.getName() + "=" + cookie.getValue()).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static APIGatewayV2HTTPEvent get(String path, String cookie) {
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(path)
                .withSourceIp("127.0.0.1").build();
        var requestContext = APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(http)
                .withRouteKey("GET " + path).withRequestId("snapstart-priming").build();
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRawPath(path).withRouteKey("GET " + path)
                .withHeaders(Map.of("accept", "text/html", "accept-language", "nb"))
                .withCookies(cookie == null ? null : List.of(cookie)).withRequestContext(requestContext).build();
    }
}
