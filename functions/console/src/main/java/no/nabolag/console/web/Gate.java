package no.nabolag.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import no.nabolag.console.access.Access;
import no.nabolag.console.auth.Session;
import no.nabolag.console.auth.SessionCookie;
import no.nabolag.core.error.DomainException;
import no.nabolag.core.error.FieldError;
import no.nabolag.core.log.JsonLog;
import no.nabolag.lambda.http.web.FormData;
import no.nabolag.lambda.http.web.HttpRequest;
import no.nabolag.lambda.http.web.HttpResponse;
import no.nabolag.lambda.http.web.Problem;
import no.nabolag.lambda.http.web.ProblemException;

/**
 * The door every signed-in console route goes through: a valid session (else a GET is sent to sign in and a POST
 * refused), and for a POST a same-origin request carrying the session's CSRF token (constant-time comparison).
 * Errors become pages: a domain {@link ProblemException} renders as an HTML error page with its status and field
 * errors, never as JSON to a browser.
 */
public final class Gate {
    private static final JsonLog LOG = JsonLog.forClass(Gate.class);
    public static final String CSRF_FIELD = "csrf";

    private final SessionCookie cookies;
    private final Messages messages;
    private final Templates templates;
    private final String origin;
    private final Clock clock;

    public Gate(SessionCookie cookies, Messages messages, Templates templates, String origin, Clock clock) {
        this.cookies = cookies;
        this.messages = messages;
        this.templates = templates;
        this.origin = origin;
        this.clock = clock;
    }

    /** A page (GET) for signed-in members. */
    public Function<HttpRequest, HttpResponse> page(Function<PageContext, HttpResponse> action) {
        return request -> guard(request, false, action);
    }

    /** A state change (POST) for signed-in members: same origin and a valid CSRF token are required. */
    public Function<HttpRequest, HttpResponse> action(Function<PageContext, HttpResponse> action) {
        return request -> guard(request, true, action);
    }

    public String language(HttpRequest request) {
        return Messages.choose(request.queryParameter("lang"), request.header("cookie"), request.header("accept-language"));
    }

    private HttpResponse guard(HttpRequest request, boolean post, Function<PageContext, HttpResponse> action) {
        String lang = language(request);
        Map<String, String> t = messages.of(lang);
        try {
            Optional<Session> session = cookies.session(request.header("cookie"), clock.instant());
            if (session.isEmpty()) {
                if (post) {
                    return error(lang, 401, "error_signedOut", null);
                }
                return Html.redirect("/console/sign-in?returnTo=" + URLEncoder.encode(request.path(), StandardCharsets.UTF_8));
            }
            FormData form = post ? FormData.parse(request.body()) : FormData.parse("");
            if (post) {
                // A foreign Origin is refused. Absent or "null" passes to the token check: with Referrer-Policy
                // no-referrer, Chromium sends "Origin: null" on the console's own form posts.
                Optional<String> requestOrigin = request.header("origin").filter(o -> !o.equals("null"));
                if (requestOrigin.isPresent() && !requestOrigin.get().equals(origin)) {
                    LOG.warn("cross-origin POST refused", Map.of("route", String.valueOf(request.routeKey())));
                    return error(lang, 403, "error_csrf", null);
                }
                String token = form.get(CSRF_FIELD).orElse("");
                if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                        session.get().csrfToken().getBytes(StandardCharsets.UTF_8))) {
                    LOG.warn("CSRF token missing or wrong", Map.of("route", String.valueOf(request.routeKey())));
                    return error(lang, 403, "error_csrf", null);
                }
            }
            PageContext context = new PageContext(request, session.get(), new Access(session.get().member()), lang, t, form);
            HttpResponse response = action.apply(context);
            return request.queryParameter("lang").filter(Messages.LANGUAGES::contains)
                    .map(l -> response.withHeader("set-cookie", Messages.COOKIE + "=" + l
                            + "; Path=/console; Max-Age=31536000; SameSite=Lax"))
                    .orElse(response);
        } catch (PageException e) {
            return e.response();
        } catch (ProblemException | DomainException e) {
            Problem problem = Problem.from(e);
            return error(lang, problem.status(), null, problem.errors() == null ? null
                    : problem.errors().stream().map(FieldError::message).toList(), problem.detail());
        }
    }

    /** An error page: 403 (not yours), 404 (no such thing or not yours to see), 400 (invalid form)... */
    public HttpResponse error(String lang, int status, String messageKey, java.util.List<String> details) {
        return error(lang, status, messageKey, details, null);
    }

    private HttpResponse error(String lang, int status, String messageKey, java.util.List<String> details, String detail) {
        Map<String, String> t = messages.of(lang);
        Map<String, Object> scope = new java.util.HashMap<>();
        scope.put("t", t);
        scope.put("lang", lang);
        String key = messageKey != null ? messageKey : "error_" + status;
        scope.put("pageTitle", t.getOrDefault("error_title", "Error"));
        scope.put("message", t.getOrDefault(key, t.getOrDefault("error_generic", "Error")));
        scope.put("detail", detail);
        scope.put("details", details);
        scope.put("status", status);
        return Html.page(status, templates.render("error", scope));
    }

    /** Throws a page exception with an error page (used inside actions). */
    public PageException fail(PageContext context, int status, String messageKey) {
        return new PageException(error(context.lang(), status, messageKey, null));
    }
}
