package no.nabolag.core.device;

/** The device's SNS platform endpoint. */
public interface PushEndpoints {
    /**
     * An endpoint for the token under the platform's application, created or reused so that a token never gets two
     * endpoints, and enabled with this token. Returns its ARN.
     */
    String register(Platform platform, String token);

    /**
     * Points an existing endpoint at a new token and enables it; recreates it if SNS deleted it.
     * Returns the (possibly new) ARN.
     */
    String changeToken(Platform platform, String endpointArn, String token);

    /** Deletes the endpoint; deleting one that is gone is not an error. */
    void delete(String endpointArn);
}
