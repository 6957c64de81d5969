package no.nabolag.lambda.http.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import no.nabolag.core.error.DomainException;
import no.nabolag.core.log.JsonLog;

/**
 * Dispatches on API Gateway's routeKey ("GET /v1/devices/{deviceId}"), so the routes a handler serves
 * are exactly the routes template.yaml declares for it. Problems and the domain's refusals become problem+json
 * here, once ({@link Problem#from}); anything unexpected becomes a 500 without a stack trace to the caller.
 */
public final class Router {
    public static final String DEFAULT_ROUTE = "$default";
    private final Map<String, Function<HttpRequest, HttpResponse>> routes = new LinkedHashMap<>();
    private final JsonLog log = JsonLog.forClass(Router.class);

    public Router route(String routeKey, Function<HttpRequest, HttpResponse> action) {
        routes.put(routeKey, action);
        return this;
    }

    public java.util.Set<String> routeKeys() {
        return java.util.Collections.unmodifiableSet(routes.keySet());
    }

    public HttpResponse handle(HttpRequest request) {
        Function<HttpRequest, HttpResponse> action = routes.get(request.routeKey());
        try {
            if (action == null) {
                return Problem.notFound("No route " + request.method() + " " + request.path()).toResponse();
            }
            return action.apply(request);
        } catch (ProblemException | DomainException e) {
            return Problem.respond(e);
        } catch (RuntimeException e) {
            log.error("request failed", e, Map.of("route", String.valueOf(request.routeKey())));
            return Problem.internal().toResponse();
        }
    }
}
