package no.nabolag.catalogloader;

import java.net.URI;
import java.util.Map;

/** Adds the authorisation headers to an admin API request. */
public interface RequestSigner {
    Map<String, String> headers(String method, URI uri, String body);

    /** The local stack: a bearer token. */
    static RequestSigner bearer(String token) {
        return (method, uri, body) -> Map.of("authorization", "Bearer " + token);
    }
}
