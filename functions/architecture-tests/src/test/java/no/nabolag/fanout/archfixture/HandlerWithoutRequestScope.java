package no.nabolag.fanout.archfixture;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Fixture: a handler whose log lines would not carry the request id. */
public final class HandlerWithoutRequestScope implements RequestHandler<String, String> {
    @Override
    public String handleRequest(String event, Context context) {
        return event;
    }
}
