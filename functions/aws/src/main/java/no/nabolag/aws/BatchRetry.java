package no.nabolag.aws;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import no.nabolag.core.delivery.Backoff;

/**
 * The one retry policy for batch calls that may succeed in part: DynamoDB BatchWriteItem (UnprocessedItems),
 * BatchGetItem (UnprocessedKeys) and SQS SendMessageBatch (failed entries). The SDK already retries a whole request
 * that fails or is throttled; what it hands back as "left over" is ours to send again.
 *
 * <p>Policy: only the leftovers are sent again, at most {@value #MAX_ATTEMPTS} calls in all, with exponential
 * backoff and full jitter between calls (a random wait up to 50 ms doubled per attempt, capped at 2 s: about 7 s
 * at worst, well inside every function's timeout), as AWS advises for unprocessed items. Whatever is still left after
 * the last call fails with an {@link IllegalStateException}, so the caller's own redelivery (SQS, the scheduler)
 * takes over; nothing is silently dropped.
 */
public final class BatchRetry {
    public static final int MAX_ATTEMPTS = 8;
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), MAX_ATTEMPTS - 1,
            d -> Thread.sleep(d.toMillis()));

    private final int maxAttempts;
    private final Backoff backoff;

    private BatchRetry(int maxAttempts, Backoff backoff) {
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    public static BatchRetry standard() {
        return new BatchRetry(MAX_ATTEMPTS, BACKOFF);
    }

    /** The same policy with another way to wait (tests wait for nothing). */
    public static BatchRetry withBackoff(Backoff backoff) {
        return new BatchRetry(MAX_ATTEMPTS, backoff);
    }

    /**
     * Sends {@code items} with {@code call}, which returns the items it left over (empty when all were taken), and
     * sends the leftovers again under the policy.
     *
     * @param what what the items are, for the error ("subscription writes")
     */
    public <T> void untilDone(String what, List<T> items, Function<List<T>, List<T>> call) {
        run(what, items, request -> {
            List<T> left = call.apply(request);
            return left == null || left.isEmpty() ? Optional.empty() : Optional.of(left);
        });
    }

    /**
     * The general form, for requests that are not a list (BatchGetItem's keys by table): {@code call} sends a request
     * and returns the request for what it left over, or empty when done.
     */
    public <R> void run(String what, R request, Function<R, Optional<R>> call) {
        Optional<R> pending = Optional.of(request);
        for (int attempt = 0; pending.isPresent(); attempt++) {
            if (attempt >= maxAttempts) {
                throw new IllegalStateException("Left unprocessed after " + maxAttempts + " attempts: " + what);
            }
            if (attempt > 0) {
                backoff.pause(attempt - 1);
            }
            pending = call.apply(pending.get());
        }
    }
}
