package no.nabolag.core.security;

/**
 * Where the signing keys come from: the secret's JSON document (see {@link SigningKeys}). In AWS it is the
 * Secrets Manager secret named by SIGNING_SECRET_ARN (aws's {@code SecretsManagerSigningSecret}).
 */
@FunctionalInterface
public interface SigningSecret {
    /** The secret's current value; never log it. */
    String read();
}
