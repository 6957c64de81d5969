package no.nabolag.aws.device;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nabolag.core.device.Platform;
import no.nabolag.core.device.PushEndpoints;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * SNS platform endpoints, managed as AWS documents it ("Setting up an Amazon SNS platform endpoint for mobile
 * notifications", the create / get-attributes / set-attributes pseudo code): create when no ARN is stored, then
 * read the endpoint's attributes, recreate it when SNS deleted it, and set Token and Enabled=true when the token
 * differs or the endpoint is disabled. Calling it repeatedly never creates duplicate endpoints.
 *
 * <p>The endpoint API allows only 30 calls/s in most regions, so the resident API calls this only on
 * registration and when the token actually changes, never on an unchanged update.
 */
public final class SnsPushEndpoints implements PushEndpoints {
    /** SNS names the existing endpoint in the message when a token is registered with other attributes. */
    private static final Pattern EXISTING_ENDPOINT =
            Pattern.compile(".*Endpoint (arn:aws:sns[^ ]+) already exists with the same [Tt]oken.*");
    private final SnsClient sns;
    private final Map<Platform, String> applicationArns;

    public SnsPushEndpoints(SnsClient sns, Map<Platform, String> applicationArns) {
        this.sns = sns;
        this.applicationArns = Map.copyOf(applicationArns);
    }

    @Override
    public String register(Platform platform, String token) {
        return ensureCurrent(platform, create(platform, token), token);
    }

    @Override
    public String changeToken(Platform platform, String endpointArn, String token) {
        if (endpointArn == null) {
            return register(platform, token);
        }
        return ensureCurrent(platform, endpointArn, token);
    }

    @Override
    public void delete(String endpointArn) {
        if (endpointArn != null) {
            // DeleteEndpoint is idempotent in SNS: deleting an endpoint that is gone succeeds.
            sns.deleteEndpoint(r -> r.endpointArn(endpointArn));
        }
    }

    private String ensureCurrent(Platform platform, String endpointArn, String token) {
        Map<String, String> attributes;
        try {
            attributes = sns.getEndpointAttributes(r -> r.endpointArn(endpointArn)).attributes();
        } catch (NotFoundException e) {
            // The endpoint was deleted (e.g. by an operator); make a new one for the latest token.
            String created = create(platform, token);
            return created;
        }
        boolean stale = !token.equals(attributes.get("Token"))
                || !"true".equalsIgnoreCase(attributes.getOrDefault("Enabled", "false"));
        if (stale) {
            sns.setEndpointAttributes(r -> r.endpointArn(endpointArn)
                    .attributes(Map.of("Token", token, "Enabled", "true")));
        }
        return endpointArn;
    }

    private String create(Platform platform, String token) {
        String application = applicationArns.get(platform);
        if (application == null) {
            throw new IllegalStateException("No platform application configured for " + platform.id());
        }
        try {
            return sns.createPlatformEndpoint(r -> r.platformApplicationArn(application).token(token)).endpointArn();
        } catch (InvalidParameterException e) {
            // The token already has an endpoint with different attributes: reuse that endpoint.
            Matcher m = EXISTING_ENDPOINT.matcher(String.valueOf(e.awsErrorDetails() == null
                    ? e.getMessage() : e.awsErrorDetails().errorMessage()));
            if (m.matches()) {
                return m.group(1);
            }
            throw e;
        }
    }
}
