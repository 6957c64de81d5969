package no.nabolag.aws.security;

import no.nabolag.aws.AwsClients;
import no.nabolag.core.config.Settings;
import no.nabolag.core.security.SigningKeys;
import no.nabolag.core.security.SigningSecret;

/** The signing keys' secret in Secrets Manager, named by SIGNING_SECRET_ARN; a client per read (once per container). */
public final class SecretsManagerSigningSecret implements SigningSecret {
    public static final String SECRET_SETTING = "SIGNING_SECRET_ARN";
    private final Settings settings;

    public SecretsManagerSigningSecret(Settings settings) {
        this.settings = settings;
    }

    /** The keys in the secret named by the settings (the handlers' wiring). */
    public static SigningKeys load(Settings settings) {
        return SigningKeys.load(new SecretsManagerSigningSecret(settings));
    }

    @Override
    public String read() {
        String secretId = settings.require(SECRET_SETTING);
        try (var client = AwsClients.secretsManager(settings)) {
            return client.getSecretValue(r -> r.secretId(secretId)).secretString();
        }
    }
}
