package no.nabolag.aws.device;

import java.util.Map;
import no.nabolag.core.device.EndpointRequests;
import no.nabolag.core.error.UnavailableException;
import no.nabolag.core.json.Json;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** EndpointRequests on SQS (ENDPOINT_QUEUE_URL): {"deviceId": ...} per registration or token change. */
public final class SqsEndpointRequests implements EndpointRequests {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsEndpointRequests(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void request(String deviceId) {
        try {
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(Json.write(Map.of("deviceId", deviceId))));
        } catch (SdkException e) {
            throw new UnavailableException("Registration is busy; retry in a few seconds", 5);
        }
    }
}
