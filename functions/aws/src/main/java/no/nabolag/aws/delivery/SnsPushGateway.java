package no.nabolag.aws.delivery;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import no.nabolag.core.delivery.PushGateway;
import no.nabolag.core.delivery.PushMessage;
import no.nabolag.core.delivery.PushOutcome;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * SNS mobile push through the async client. Throttling is not retried by the SDK (see {@link #retryStrategy()}):
 * it comes back as {@link PushOutcome#THROTTLED} so that {@link PushDispatcher}'s own backoff retries exactly the
 * unsent pushes, paced, instead of the SDK retrying blindly (and invisibly to tests) underneath.
 */
public final class SnsPushGateway implements PushGateway {
    private static final Set<String> DISABLED_CODES = Set.of("EndpointDisabled", "EndpointDisabledException",
            "NotFound", "NotFoundException");
    private static final Set<String> THROTTLING_CODES = Set.of("Throttling", "Throttled", "ThrottlingException",
            "ThrottledException", "TooManyRequestsException", "RequestThrottled");

    private final SnsAsyncClient sns;
    private final Map<Map<String, String>, Map<String, MessageAttributeValue>> attributeCache =
            new java.util.concurrent.ConcurrentHashMap<>();

    public SnsPushGateway(SnsAsyncClient sns) {
        this.sns = sns;
    }

    /**
     * The SDK's default strategies treat the SNS error code {@code Throttling} as retryable (AwsErrorCode
     * THROTTLING_ERROR_CODES) and would retry it up to 3 times with their own backoff. This strategy retries only
     * transient transport failures and 5xx answers, never throttling, and does not add the client defaults.
     */
    public static RetryStrategy retryStrategy() {
        return DefaultRetryStrategy.standardStrategyBuilder()
                .maxAttempts(3)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(50), Duration.ofSeconds(1)))
                .circuitBreakerEnabled(false)
                .retryOnException(SnsPushGateway::transientNonThrottling)
                .useClientDefaults(false)
                .build();
    }

    static boolean transientNonThrottling(Throwable error) {
        if (error instanceof AwsServiceException service) {
            return !isThrottling(service) && service.statusCode() >= 500;
        }
        return error instanceof SdkClientException && error.getCause() instanceof java.io.IOException;
    }

    @Override
    public CompletableFuture<PushOutcome> publish(PushMessage message) {
        PublishRequest request = PublishRequest.builder()
                .targetArn(message.targetArn())
                .messageStructure("json")
                .message(message.message())
                .messageAttributes(attributes(message.attributes()))
                .build();
        CompletableFuture<PushOutcome> outcome;
        try {
            outcome = sns.publish(request).handle((response, error) -> error == null ? PushOutcome.SENT : classify(error));
        } catch (RuntimeException e) {
            outcome = CompletableFuture.completedFuture(classify(e));
        }
        return outcome;
    }

    private Map<String, MessageAttributeValue> attributes(Map<String, String> attributes) {
        return attributeCache.computeIfAbsent(attributes, a -> {
            Map<String, MessageAttributeValue> values = new HashMap<>();
            a.forEach((name, value) -> values.put(name,
                    MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
            return Map.copyOf(values);
        });
    }

    public static PushOutcome classify(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            if (code != null && DISABLED_CODES.contains(code)) {
                return PushOutcome.DISABLED;
            }
            // A deleted endpoint: SNS answers InvalidParameter "No endpoint found for the target arn specified".
            String message = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorMessage();
            if ("InvalidParameter".equals(code) && message != null && message.contains("No endpoint found")) {
                return PushOutcome.DISABLED;
            }
            if (isThrottling(service)) {
                return PushOutcome.THROTTLED;
            }
        }
        return PushOutcome.FAILED;
    }

    private static boolean isThrottling(AwsServiceException service) {
        String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
        return service.isThrottlingException() || (code != null && THROTTLING_CODES.contains(code));
    }
}
