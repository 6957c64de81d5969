package no.nabolag.lambda.http;

import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import no.nabolag.core.log.JsonLog;

/**
 * SnapStart priming for an HTTP function: just before Lambda snapshots the initialised JVM of a new version, the
 * handler answers its priming requests once (see {@link HttpApiHandler#primingRequests()}), so the classes of the
 * request path (SDK marshallers and signers, Jackson, rendering) are loaded and compiled in the snapshot instead of
 * on a resident's first request. Uses the CRaC API that SnapStart honours ({@code org.crac}); on a JVM without CRaC,
 * as locally, registration is a no-op and nothing runs. Priming never fails the snapshot: errors are logged only.
 */
final class SnapStartPriming implements Resource {
    private static final JsonLog LOG = JsonLog.forClass(SnapStartPriming.class);
    private final HttpApiHandler handler;

    private SnapStartPriming(HttpApiHandler handler) {
        this.handler = handler;
    }

    /** Registers the hook; CRaC keeps resources weakly, so the handler keeps the returned object in a field. */
    static SnapStartPriming register(HttpApiHandler handler) {
        SnapStartPriming priming = new SnapStartPriming(handler);
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
        int primed = handler.prime();
        LOG.info("Primed before snapshot", Map.of("requests", primed, "ms", (System.nanoTime() - started) / 1_000_000));
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to do: SDK clients re-open their connections on the first call after restore.
    }
}
