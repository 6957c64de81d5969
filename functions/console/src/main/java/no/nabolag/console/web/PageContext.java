package no.nabolag.console.web;

import io.micronaut.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import no.nabolag.console.access.Access;
import no.nabolag.console.auth.Member;
import no.nabolag.lambda.http.web.FormData;

/**
 * What a signed-in page gets (bound by {@link PageContextBinder} from the session Micronaut Security validated):
 * the request, the member and their access rules, the language and its texts, the session's CSRF token for forms,
 * and for a POST the form (already checked by CsrfFilter).
 */
public record PageContext(HttpRequest<?> request, Member member, Access access, String lang, Map<String, String> t,
                          String csrf, FormData form) {

    /** The scope every page starts from: texts, language, the member and the CSRF token for its forms. */
    public Map<String, Object> scope(String titleKey) {
        Map<String, Object> scope = new HashMap<>();
        scope.put("t", t);
        scope.put("lang", lang);
        scope.put("pageTitle", t.getOrDefault(titleKey, titleKey));
        scope.put("memberName", member.name());
        scope.put("csrf", csrf);
        scope.put("signedIn", true);
        scope.put("isAdmin", !member.adminTenants().isEmpty());
        return scope;
    }

    public String text(String key) {
        return t.getOrDefault(key, key);
    }

    /** A query parameter (the first value), if present and not empty. */
    public Optional<String> query(String name) {
        return request.getParameters().getFirst(name).filter(v -> !v.isEmpty());
    }

    /** An error page for this member's language, thrown out of the route. */
    public ConsolePageException fail(int status, String messageKey) {
        return new ConsolePageException(status, messageKey);
    }
}
