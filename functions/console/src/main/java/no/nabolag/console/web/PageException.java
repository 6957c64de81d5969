package no.nabolag.console.web;

import no.nabolag.lambda.http.web.HttpResponse;

/** Ends a page route early with a ready response (a redirect to sign in, an error page). */
public final class PageException extends RuntimeException {
    private final transient HttpResponse response;

    public PageException(HttpResponse response) {
        super(null, null, false, false);
        this.response = response;
    }

    public HttpResponse response() {
        return response;
    }
}
