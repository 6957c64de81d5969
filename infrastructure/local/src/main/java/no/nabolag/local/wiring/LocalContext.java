package no.nabolag.local.wiring;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.IntSupplier;

/**
 * The Lambda {@link Context} of one local invocation. The stack's remaining time counts down from the function's
 * Timeout; a test may decide it instead ({@link #withRemainingTime}), e.g. to force a delivery continuation.
 */
public final class LocalContext implements Context {
    private static final LambdaLogger LOGGER = new LambdaLogger() {
        @Override
        public void log(String message) {
            System.out.println(message);
        }

        @Override
        public void log(byte[] message) {
            System.out.println(new String(message, StandardCharsets.UTF_8));
        }
    };

    private final String functionId;
    private final String arn;
    private final int memoryMb;
    private final IntSupplier remainingMillis;
    private final String requestId = UUID.randomUUID().toString();

    private LocalContext(String functionId, String arn, int memoryMb, IntSupplier remainingMillis) {
        this.functionId = functionId;
        this.arn = arn;
        this.memoryMb = memoryMb;
        this.remainingMillis = remainingMillis;
    }

    LocalContext(LocalFunction function) {
        this(function.id(), function.arn(), function.memoryMb(), countdown(function.timeoutSeconds()));
    }

    /** A context for invoking a handler directly in a test, with the remaining time the test decides. */
    public static LocalContext withRemainingTime(String functionId, IntSupplier remainingMillis) {
        return new LocalContext(functionId, "arn:aws:lambda:eu-north-1:000000000000:function:" + functionId, 1024,
                remainingMillis);
    }

    private static IntSupplier countdown(int timeoutSeconds) {
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        return () -> (int) Math.max(0, deadline - System.currentTimeMillis());
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionId;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionId;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return arn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return remainingMillis.getAsInt();
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return LOGGER;
    }
}
