package no.nabolag.aws.device;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nabolag.core.device.PushEndpoints;
import no.nabolag.core.error.UnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * SNS platform endpoints, managed as AWS documents it ("Setting up an Amazon SNS platform endpoint for mobile
 * notifications", the create / get-attributes / set-attributes pseudo code): create (SNS returns the existing endpoint
 * of a token), then read the endpoint's attributes, recreate it when SNS deleted it meanwhile, and set Token and
 * Enabled=true when the token differs or the endpoint is disabled. Calling it repeatedly never creates duplicates.
 *
 * <p>Errors become the domain's: InvalidParameter on a token is {@link PushEndpoints.TokenRefusedException};
 * throttling, SNS server errors and a failed connection are {@link UnavailableException} (the SDK has retried them
 * already with its standard back-off).
 */
public final class SnsPushEndpoints implements PushEndpoints {
    /** SNS names the existing endpoint in the message when a token is registered with other attributes. */
    private static final Pattern EXISTING_ENDPOINT =
            Pattern.compile(".*Endpoint (arn:aws:sns[^ ]+) already exists with the same [Tt]oken.*");
    private static final int RETRY_AFTER_SECONDS = 5;
    private final SnsClient sns;

    public SnsPushEndpoints(SnsClient sns) {
        this.sns = sns;
    }

    @Override
    public String register(String platformApplicationArn, String token) {
        try {
            String arn = create(platformApplicationArn, token);
            return ensureCurrent(platformApplicationArn, arn, token);
        } catch (InvalidParameterException e) {
            throw new TokenRefusedException("SNS refused the push token: " + message(e));
        } catch (AwsServiceException | SdkClientException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void delete(String endpointArn) {
        if (endpointArn == null) {
            return;
        }
        try {
            // DeleteEndpoint is idempotent in SNS: deleting an endpoint that is gone succeeds.
            sns.deleteEndpoint(r -> r.endpointArn(endpointArn));
        } catch (AwsServiceException | SdkClientException e) {
            throw unavailable(e);
        }
    }

    private String ensureCurrent(String application, String endpointArn, String token) {
        Map<String, String> attributes;
        try {
            attributes = sns.getEndpointAttributes(r -> r.endpointArn(endpointArn)).attributes();
        } catch (NotFoundException e) {
            // Deleted between create and read (an operator, or a concurrent erasure): make it again.
            return create(application, token);
        }
        boolean stale = !token.equals(attributes.get("Token"))
                || !"true".equalsIgnoreCase(attributes.getOrDefault("Enabled", "false"));
        if (stale) {
            sns.setEndpointAttributes(r -> r.endpointArn(endpointArn)
                    .attributes(Map.of("Token", token, "Enabled", "true")));
        }
        return endpointArn;
    }

    private String create(String application, String token) {
        try {
            return sns.createPlatformEndpoint(r -> r.platformApplicationArn(application).token(token)).endpointArn();
        } catch (InvalidParameterException e) {
            // The token already has an endpoint with different attributes: reuse that endpoint.
            Matcher m = EXISTING_ENDPOINT.matcher(message(e));
            if (m.matches()) {
                return m.group(1);
            }
            throw e;
        }
    }

    private static UnavailableException unavailable(RuntimeException e) {
        String what = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
        return new UnavailableException("The push service is busy (" + what + "); retry in a few seconds",
                RETRY_AFTER_SECONDS);
    }

    private static String message(AwsServiceException e) {
        return String.valueOf(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
    }
}
