package no.nabolag.resident;

import java.util.concurrent.Executor;
import no.nabolag.core.log.JsonLog;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Measures, per request, the time spent waiting for AWS SDK calls (DynamoDB, SNS) so the handler can report its own
 * time separately from the time its services (or the local emulators) took, in a Server-Timing header.
 * Sync clients run a call on the calling thread; calls a request runs on other threads (the device feed's parallel
 * district queries) count for it when their tasks go through {@link #propagating(Executor)}. Overlapping calls count
 * once: the figure is the wall time during which at least one call was in flight, so it never exceeds the handler's.
 */
final class CallTimer implements ExecutionInterceptor {
    private static final ExecutionAttribute<Request> REQUEST = new ExecutionAttribute<>("nabolag.callTimer");
    private static final ThreadLocal<Request> CURRENT = ThreadLocal.withInitial(Request::new);

    /** One request's calls; shared by the threads working for it, hence synchronized. */
    static final class Request {
        private int inFlight;
        private long since;
        private long nanos;
        private long calls;

        synchronized void started() {
            if (inFlight++ == 0) {
                since = System.nanoTime();
            }
        }

        synchronized void ended() {
            calls++;
            if (--inFlight == 0) {
                nanos += System.nanoTime() - since;
            }
        }

        synchronized long nanos() {
            return nanos;
        }

        synchronized long calls() {
            return calls;
        }
    }

    /** Starts counting for a new request on this thread. */
    static void reset() {
        CURRENT.set(new Request());
    }

    /** Nanoseconds during which this thread's request had an SDK call in flight since {@link #reset()}. */
    static long nanos() {
        return CURRENT.get().nanos();
    }

    static long calls() {
        return CURRENT.get().calls();
    }

    /**
     * An executor whose tasks count their SDK calls for the request that submitted them, and whose log lines carry
     * its request id.
     */
    static Executor propagating(Executor executor) {
        return task -> {
            Request request = CURRENT.get();
            String requestId = JsonLog.currentRequestId();
            executor.execute(() -> {
                Request previous = CURRENT.get();
                CURRENT.set(request);
                try (var scope = JsonLog.requestScope(requestId)) {
                    task.run();
                } finally {
                    CURRENT.set(previous);
                }
            });
        };
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Request request = CURRENT.get();
        request.started();
        attributes.putAttribute(REQUEST, request);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        ended(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        ended(attributes);
    }

    private static void ended(ExecutionAttributes attributes) {
        Request request = attributes.getAttribute(REQUEST);
        if (request != null) {
            request.ended();
        }
    }
}
