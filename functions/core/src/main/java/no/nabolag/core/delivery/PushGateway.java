package no.nabolag.core.delivery;

import java.util.concurrent.CompletableFuture;

/** Publishes one push; the future always completes normally with the outcome (never exceptionally). */
public interface PushGateway {
    CompletableFuture<PushOutcome> publish(PushMessage message);
}
