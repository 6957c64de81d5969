package no.nabolag.core.device;

/**
 * SNS platform endpoints. Calls are limited (CreatePlatformEndpoint about 30/s in most regions): only the endpoint
 * worker creates or updates endpoints, paced; the API only deletes the endpoint of an erased device.
 *
 * <p>Errors: a token SNS refuses is a {@link TokenRefusedException}; throttling and SNS server errors are
 * {@link no.nabolag.core.error.UnavailableException} (try again later).
 */
public interface PushEndpoints {
    /**
     * The endpoint of the token in the platform application, created or reused so that a token never gets two
     * endpoints, and enabled with this token. Returns its ARN.
     */
    String register(String platformApplicationArn, String token);

    /** Deletes the endpoint; deleting one that is gone is not an error. */
    void delete(String endpointArn);

    /** SNS refused the token itself (InvalidParameter): no retry will make it valid. */
    final class TokenRefusedException extends RuntimeException {
        public TokenRefusedException(String message) {
            super(message, null, false, false);
        }
    }
}
