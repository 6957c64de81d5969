package no.nabolag.console.web;

import java.util.HashMap;
import java.util.Map;
import no.nabolag.console.access.Access;
import no.nabolag.console.auth.Session;
import no.nabolag.lambda.http.web.FormData;
import no.nabolag.lambda.http.web.HttpRequest;

/** What a signed-in route gets: the request, its session and access rules, the language and (for POSTs) the form. */
public record PageContext(HttpRequest request, Session session, Access access, String lang, Map<String, String> t,
                          FormData form) {

    /** The scope every page starts from: texts, language, the member and the CSRF token for its forms. */
    public Map<String, Object> scope(String titleKey) {
        Map<String, Object> scope = new HashMap<>();
        scope.put("t", t);
        scope.put("lang", lang);
        scope.put("pageTitle", t.getOrDefault(titleKey, titleKey));
        scope.put("memberName", session.member().name());
        scope.put("csrf", session.csrfToken());
        scope.put("signedIn", true);
        scope.put("isAdmin", !session.member().adminTenants().isEmpty());
        return scope;
    }

    public String text(String key) {
        return t.getOrDefault(key, key);
    }
}
