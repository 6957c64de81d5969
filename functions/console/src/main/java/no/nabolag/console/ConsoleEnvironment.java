package no.nabolag.console;

import java.time.Clock;
import java.util.function.Supplier;
import no.nabolag.console.lambda.CurrentLambdaContext;
import no.nabolag.core.config.Lazy;
import no.nabolag.core.config.Settings;
import no.nabolag.aws.security.SecretsManagerSigningSecret;
import no.nabolag.core.security.SigningKeys;

/**
 * What the console takes from outside Micronaut: its settings, the deployment's signing keys (Secrets Manager) and
 * the domain services (DynamoDB, SQS). Registered as one singleton, so a test can hand in fixed keys and services.
 */
public record ConsoleEnvironment(Settings settings, ConsoleSettings console, Supplier<SigningKeys> keys,
                                 Supplier<ConsoleServices> services, Clock clock) {

    /** As in AWS: keys from Secrets Manager and services on the AWS SDK, each built once, on first use. */
    public static ConsoleEnvironment from(Settings settings) {
        Clock clock = Clock.systemUTC();
        Lazy<SigningKeys> keys = Lazy.of(() -> SecretsManagerSigningSecret.load(settings));
        return new ConsoleEnvironment(settings, ConsoleSettings.from(settings), keys,
                Lazy.of(() -> ConsoleServices.from(settings, keys.get(), clock)), clock);
    }

    /** For logs and the priming hook: the Lambda context of the invocation running now (see CurrentLambdaContext). */
    static CurrentLambdaContext lambda() {
        return CurrentLambdaContext.INSTANCE;
    }
}
