package no.nabolag.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import no.nabolag.aws.delivery.SnsPushGateway;
import no.nabolag.core.config.Settings;
import no.nabolag.core.delivery.PushMessage;
import no.nabolag.core.delivery.PushOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsAsyncClient;

/**
 * The SDK would retry the SNS error code Throttling by itself; our client must not, so that the dispatcher's backoff
 * (which retries only the unsent pushes, paced) is what runs. A tiny HTTP server plays SNS.
 */
class SnsClientRetryTest {
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private SnsAsyncClient clientAnswering(int status, String body) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        Settings settings = Settings.of(Map.of("AWS_REGION", "eu-north-1", "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:" + server.getAddress().getPort()));
        return DeliveryHandler.snsClient(settings, 4);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String error(String type, String code) {
        return "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>" + type
                + "</Type><Code>" + code + "</Code><Message>x</Message></Error><RequestId>r1</RequestId></ErrorResponse>";
    }

    private PushOutcome publishWith(SnsAsyncClient client) {
        try (client) {
            return new SnsPushGateway(client).publish(new PushMessage("p1", "d1",
                    "arn:aws:sns:eu-north-1:000000000000:endpoint/GCM/app/e1", "{\"default\":\"x\"}",
                    Map.of("AWS.SNS.MOBILE.FCM.TTL", "60"))).join();
        }
    }

    @Test
    void throttlingIsNotRetriedBySdkButReportedToTheDispatcher() throws Exception {
        PushOutcome outcome = publishWith(clientAnswering(400, error("Sender", "Throttling")));

        assertThat(outcome).isEqualTo(PushOutcome.THROTTLED);
        assertThat(requests).hasValue(1);
    }

    @Test
    void aDisabledEndpointIsReportedAsDisabled() throws Exception {
        PushOutcome outcome = publishWith(clientAnswering(400, error("Sender", "EndpointDisabled")));

        assertThat(outcome).isEqualTo(PushOutcome.DISABLED);
        assertThat(requests).hasValue(1);
    }

    @Test
    void aDeletedEndpointIsReportedAsDisabled() throws Exception {
        PushOutcome outcome = publishWith(clientAnswering(400, error("Sender", "InvalidParameter")
                .replace("<Message>x</Message>", "<Message>Invalid parameter: TargetArn Reason: No endpoint found for "
                        + "the target arn specified</Message>")));

        assertThat(outcome).isEqualTo(PushOutcome.DISABLED);
    }

    @Test
    void otherInvalidParametersFail() throws Exception {
        assertThat(publishWith(clientAnswering(400, error("Sender", "InvalidParameter")))).isEqualTo(PushOutcome.FAILED);
        assertThat(requests).hasValue(1);
    }

    @Test
    void serverErrorsAreRetriedByTheSdkThenReportedAsFailed() throws Exception {
        PushOutcome outcome = publishWith(clientAnswering(500, error("Receiver", "InternalError")));

        assertThat(outcome).isEqualTo(PushOutcome.FAILED);
        assertThat(requests).hasValue(3);
    }

    @Test
    void anAcceptedPublishIsSent() throws Exception {
        PushOutcome outcome = publishWith(clientAnswering(200,
                "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>m1"
                        + "</MessageId></PublishResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata>"
                        + "</PublishResponse>"));

        assertThat(outcome).isEqualTo(PushOutcome.SENT);
    }
}
