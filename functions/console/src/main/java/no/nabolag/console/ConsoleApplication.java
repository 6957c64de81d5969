package no.nabolag.console;

import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;

/**
 * Builds the console's Micronaut application context. All configuration comes from {@link ConsoleSettings}
 * (template.yaml's environment, or the local stack's settings), none from files or the class path: no
 * application.yml, no environment deduction (which would probe for cloud platforms), no banner. Beans are found
 * through the definitions generated at compile time, not by scanning.
 */
public final class ConsoleApplication {
    private ConsoleApplication() {
    }

    public static ApplicationContext start(ConsoleEnvironment environment) {
        LambdaApplicationContextBuilder builder = new LambdaApplicationContextBuilder();
        builder.deduceEnvironment(false)
                .deduceCloudEnvironment(false)
                .banner(false)
                .properties(environment.console().micronautProperties())
                .singletons(environment);
        return builder.start();
    }
}
