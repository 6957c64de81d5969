package no.nabolag.console;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import no.nabolag.core.security.SigningKeys;

/** The console's outside world as beans, from the one {@link ConsoleEnvironment} singleton. */
@Factory
public class ConsoleBeans {
    @Singleton
    ConsoleSettings settings(ConsoleEnvironment environment) {
        return environment.console();
    }

    @Singleton
    Clock clock(ConsoleEnvironment environment) {
        return environment.clock();
    }

    @Singleton
    @Requires(property = "nabolag.console.configured", value = "true")
    SigningKeys signingKeys(ConsoleEnvironment environment) {
        return environment.keys().get();
    }

    @Singleton
    @Requires(property = "nabolag.console.configured", value = "true")
    ConsoleServices services(ConsoleEnvironment environment) {
        return environment.services().get();
    }
}
