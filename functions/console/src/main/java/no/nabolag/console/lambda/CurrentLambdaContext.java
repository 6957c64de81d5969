package no.nabolag.console.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import io.micronaut.function.aws.LambdaContextFactory;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Replaces micronaut-function-aws's {@code DefaultLambdaContextFactory}, which registers the Lambda {@link Context}
 * and its logger as new singleton bean definitions on every invocation: after thousands of requests a warm
 * container holds thousands of definitions and every lookup of those types slows down. Here the current context is
 * only remembered (one field, replaced on each invocation); nothing is registered with the bean context.
 * Guarded by ConsoleFunctionTest, which counts the definitions after thousands of invocations.
 */
@Singleton
@Replaces(DefaultLambdaContextFactory.class)
public final class CurrentLambdaContext implements LambdaContextFactory {
    /** One per JVM, as the Lambda runtime gives one invocation at a time to a container. */
    public static final CurrentLambdaContext INSTANCE = new CurrentLambdaContext();

    private volatile Context current;

    @Override
    public void registerSingletons(Context lambdaContext) {
        INSTANCE.current = lambdaContext;
    }

    /** The context of the invocation running now (empty before the first one). */
    public Optional<Context> current() {
        return Optional.ofNullable(INSTANCE.current);
    }

    /** The request id of the invocation running now, for log lines. */
    public Optional<String> requestId() {
        return current().map(Context::getAwsRequestId);
    }
}
