package no.nabolag.resident;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Adds up, per request thread, the time spent in AWS SDK calls (DynamoDB, SNS) so the handler can report its own
 * time separately from the time its services (or the local emulators) took, in a Server-Timing header.
 * Sync clients run a call on the calling thread, so a thread-local sum is exact.
 */
final class CallTimer implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> START = new ExecutionAttribute<>("nabolag.callStart");
    private static final ThreadLocal<long[]> TOTAL = ThreadLocal.withInitial(() -> new long[2]);

    static void reset() {
        long[] total = TOTAL.get();
        total[0] = 0;
        total[1] = 0;
    }

    /** Nanoseconds spent in SDK calls on this thread since {@link #reset()}. */
    static long nanos() {
        return TOTAL.get()[0];
    }

    static long calls() {
        return TOTAL.get()[1];
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(START, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        add(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        add(attributes);
    }

    private static void add(ExecutionAttributes attributes) {
        Long start = attributes.getAttribute(START);
        if (start != null) {
            long[] total = TOTAL.get();
            total[0] += System.nanoTime() - start;
            total[1]++;
        }
    }
}
