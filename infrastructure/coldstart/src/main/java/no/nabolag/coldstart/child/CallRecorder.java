package no.nabolag.coldstart.child;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS SDK call ("DynamoDb.Query") in a benchmark child JVM, so the run can show that the function and
 * its plain baseline made the same calls. Registered as an SDK global interceptor
 * (software/amazon/awssdk/global/handlers/execution.interceptors); inactive unless -Dcoldstart.record=true.
 */
public final class CallRecorder implements ExecutionInterceptor {
    private static final boolean ACTIVE = Boolean.getBoolean("coldstart.record");
    private static final List<String> CALLS = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (ACTIVE) {
            CALLS.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }

    static List<String> calls() {
        synchronized (CALLS) {
            return List.copyOf(CALLS);
        }
    }
}
