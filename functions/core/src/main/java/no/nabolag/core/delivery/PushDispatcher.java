package no.nabolag.core.delivery;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Publishes a batch of pushes with bounded concurrency (a semaphore over in-flight requests), paced by the calling
 * worker's {@link PushPace} (the account's shared rate, or a local token bucket). Throttled pushes are retried (only
 * those) after an exponential backoff with jitter, while there is time;
 * whatever is still throttled after that is returned as THROTTLED for the caller to leave to redelivery.
 *
 * <p>The pace is the calling worker's: in Lambda one invocation runs per container at a time, so a pace per
 * handler is a pace per worker; the local stack runs a function's pollers on threads of one handler instance, so
 * the pace is taken per thread, which is the same thing there.
 */
public final class PushDispatcher {
    private final PushGateway gateway;
    private final Supplier<? extends PushPace> pace;
    private final Semaphore inFlight;
    private final Backoff backoff;

    public PushDispatcher(PushGateway gateway, PushPace pace, int maxInFlight, Backoff backoff) {
        this(gateway, () -> pace, maxInFlight, backoff);
    }

    /** @param pace the calling worker's pace (e.g. one per thread, see the class comment) */
    public PushDispatcher(PushGateway gateway, Supplier<? extends PushPace> pace, int maxInFlight, Backoff backoff) {
        this.gateway = gateway;
        this.pace = pace;
        this.inFlight = new Semaphore(maxInFlight);
        this.backoff = backoff;
    }

    /**
     * @param hasTime    false once the caller must stop retrying (the Lambda's remaining time is low)
     * @param beforeRetry called before each throttling retry round (e.g. to renew a lease)
     * @return the pushes by outcome; every input appears exactly once
     */
    public Map<PushOutcome, List<PushMessage>> dispatch(List<PushMessage> messages, BooleanSupplier hasTime,
                                                        Runnable beforeRetry) {
        Map<PushOutcome, List<PushMessage>> results = new EnumMap<>(PushOutcome.class);
        for (PushOutcome outcome : PushOutcome.values()) {
            results.put(outcome, new ArrayList<>());
        }
        List<PushMessage> pending = messages;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            List<PushMessage> throttled = publishAll(pending, results);
            if (throttled.isEmpty()) {
                break;
            }
            if (attempt >= backoff.maxRetries() || !hasTime.getAsBoolean()) {
                results.get(PushOutcome.THROTTLED).addAll(throttled);
                break;
            }
            backoff.pause(attempt);
            beforeRetry.run();
            pending = throttled;
        }
        return results;
    }

    private List<PushMessage> publishAll(List<PushMessage> pending, Map<PushOutcome, List<PushMessage>> results) {
        List<CompletableFuture<PushOutcome>> futures = new ArrayList<>(pending.size());
        PushPace workerPace = pace.get();
        for (PushMessage message : pending) {
            workerPace.acquire();
            inFlight.acquireUninterruptibly();
            CompletableFuture<PushOutcome> future;
            try {
                future = gateway.publish(message);
            } catch (RuntimeException e) {
                future = CompletableFuture.completedFuture(PushOutcome.UNAVAILABLE);
            }
            future.whenComplete((outcome, error) -> inFlight.release());
            futures.add(future);
        }
        List<PushMessage> throttled = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            PushOutcome outcome = futures.get(i).exceptionally(e -> PushOutcome.UNAVAILABLE).join();
            if (outcome == PushOutcome.THROTTLED) {
                throttled.add(pending.get(i));
            } else {
                results.get(outcome).add(pending.get(i));
            }
        }
        return throttled;
    }
}
