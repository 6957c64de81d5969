package no.nabolag.local.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import no.nabolag.aws.post.DynamoDbPostStore;
import no.nabolag.core.config.Settings;
import no.nabolag.core.post.PostStatus;
import no.nabolag.publisher.PublisherHandler;
import org.junit.jupiter.api.Test;

/** A post is stored before the publisher sees success; a failed fan-out send leaves it ACCEPTED for the re-drive. */
class NothingLostIT {
    private final PublisherClient client = new PublisherClient();

    @Test
    void failedFanoutSendLeavesTheStoredPostAccepted() {
        // Arrange: the publisher function as the stack wires it, except that its fan-out queue does not exist
        Settings real = client.stack.settingsOf("PublisherFunction");
        String queue = real.require("FANOUT_QUEUE_URL");
        PublisherHandler broken = new PublisherHandler(
                real.with("FANOUT_QUEUE_URL", queue.substring(0, queue.lastIndexOf('/') + 1) + "no-such-queue"));
        String url = client.linkUrl(client.unit(PublisherClient.unique("Sagene bydel")));
        String token = url.substring(url.lastIndexOf('/') + 1);
        String body = PublisherClient.encode(PublisherClient.validPost(client.csrf(url), "Strømbrudd", "sagene", "youth"));

        // Act
        APIGatewayV2HTTPResponse response = broken.handleRequest(formPost(token, body), null);

        // Assert: the publisher gets the receipt, and the post is stored and waits in ACCEPTED
        assertThat(response.getStatusCode()).isEqualTo(303);
        String postId = PublisherClient.postIdOf(response.getHeaders().get("location"));
        var post = new DynamoDbPostStore(client.stack.dynamoDb(), client.stack.tableName("PostsTable")).find(postId);
        assertThat(post).isPresent();
        assertThat(post.get().status()).isEqualTo(PostStatus.ACCEPTED);
        assertThat(post.get().title()).isEqualTo("Strømbrudd");
        assertThat(client.get(url + "/receipts/" + postId).body()).contains("Publiseres nå");
    }

    private static APIGatewayV2HTTPEvent formPost(String token, String body) {
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath("/p/" + token)
                .withSourceIp("127.0.0.1").build();
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey("POST /p/{linkToken}")
                .withRawPath("/p/" + token)
                .withPathParameters(Map.of("linkToken", token))
                .withHeaders(Map.of("content-type", "application/x-www-form-urlencoded"))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(http).build())
                .build();
    }
}
