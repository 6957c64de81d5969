package no.nabolag.console;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.function.aws.MicronautLambdaContext;

/**
 * Builds the console's Micronaut application context. All configuration comes from {@link ConsoleSettings}
 * (template.yaml's environment, or the local stack's settings), none from files, system properties or environment
 * variables: no application.yml, no environment deduction (which would probe for cloud platforms), no banner. Beans are found
 * through the definitions generated at compile time, not by scanning.
 *
 * <p>Not micronaut-function-aws's {@code LambdaApplicationContextBuilder}: it sets the same two environments but
 * also initialises every singleton and configuration bean at start (and {@code eagerInitSingletons(false)} cannot
 * undo that), which builds hundreds of beans a page never asks for. Here beans are created on first use; SnapStart's
 * priming requests ({@code ConsolePriming}) create the ones the pages need before the snapshot.
 */
public final class ConsoleApplication {
    private ConsoleApplication() {
    }

    public static ApplicationContext start(ConsoleEnvironment environment) {
        return ApplicationContext.builder()
                .environments(Environment.FUNCTION, MicronautLambdaContext.ENVIRONMENT_LAMBDA)
                .deduceEnvironment(false)
                .deduceCloudEnvironment(false)
                .banner(false)
                // Only ConsoleSettings' properties: no application.* files, system properties or environment
                // variables read as Micronaut configuration (nothing outside template.yaml's settings can change it).
                .enableDefaultPropertySources(false)
                .properties(environment.console().micronautProperties())
                .singletons(environment)
                .start();
    }
}
