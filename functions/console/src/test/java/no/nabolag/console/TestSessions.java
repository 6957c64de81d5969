package no.nabolag.console;

import java.time.Instant;
import java.util.List;
import no.nabolag.console.auth.Member;
import no.nabolag.console.auth.Session;
import no.nabolag.console.auth.SessionCookie;
import no.nabolag.core.security.SigningKeys;

/** Session cookies for route tests, signed with the test key the test consoles use. */
public final class TestSessions {
    public static final String SECRET = "{\"currentKeyId\":\"k1\",\"k1\":\"test-secret\"}";
    public static final String CSRF = "test-csrf-token";

    private TestSessions() {
    }

    public static String cookie(List<String> groups) {
        SessionCookie cookies = new SessionCookie(SigningKeys.parse(SECRET), false);
        Instant now = Instant.now();
        Session session = new Session(Member.fromGroups("user-1", "Frida", groups), CSRF, now,
                now.plus(SessionCookie.SESSION_LIFETIME));
        return SessionCookie.NAME + "=" + cookies.encodeSession(session);
    }
}
