package no.nabolag.lambda.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nabolag.lambda.http.web.HttpRequest;
import no.nabolag.lambda.http.web.HttpResponse;
import no.nabolag.lambda.http.web.Router;
import org.junit.jupiter.api.Test;

/**
 * How an API Gateway HTTP API event (payload format 2.0) becomes the request a route sees:
 * {@code events/http-api-event.json} is AWS's sample event (aws-lambda-java-libs, aws-lambda-java-tests), read with
 * the Lambda Java runtime's own serializer.
 */
class HttpApiHandlerEventTest {
    private final List<HttpRequest> seen = new ArrayList<>();
    private final HttpApiHandler handler = new HttpApiHandler() {
        private final Router router = new Router().route("$default", r -> {
            seen.add(r);
            return HttpResponse.json(200, Map.of("ok", true)).withHeader("x-answer", "42");
        });

        @Override
        protected Router router() {
            return router;
        }
    };

    private static APIGatewayV2HTTPEvent documentedEvent() {
        try (InputStream in = HttpApiHandlerEventTest.class.getResourceAsStream("/events/http-api-event.json")) {
            return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                    HttpApiHandlerEventTest.class.getClassLoader()).fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theRouteSeesTheMethodPathHeadersCookiesQueryAndBodyOfTheEvent() {
        // Act
        APIGatewayV2HTTPResponse response = handler.handleRequest(documentedEvent(), null);

        // Assert
        assertThat(seen).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/my/path");
            assertThat(request.routeKey()).isEqualTo("$default");
            assertThat(request.header("header1")).as("header names in lower case").hasValue("value1");
            assertThat(request.header("HEADER2")).hasValue("value1,value2");
            assertThat(request.header("cookie")).hasValue("cookie1; cookie2");
            assertThat(request.queryParameters("parameter1")).as("repeated parameters keep every value")
                    .containsExactly("value1", "value2");
            assertThat(request.queryParameter("parameter2")).hasValue("value");
            assertThat(request.pathParameter("parameter1")).isEqualTo("value1");
            assertThat(request.body()).isEqualTo("Hello from Lambda!!");
        });
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("x-answer", "42");
        assertThat(response.getIsBase64Encoded()).isFalse();
    }

    @Test
    void aBase64BodyIsDecodedAndAnOversizedOneRefusedBeforeAnyRoute() {
        // Arrange
        APIGatewayV2HTTPEvent small = documentedEvent();
        small.setIsBase64Encoded(true);
        small.setBody(java.util.Base64.getEncoder().encodeToString("title=Vann".getBytes()));
        APIGatewayV2HTTPEvent large = documentedEvent();
        large.setBody("x".repeat(HttpApiHandler.MAX_BODY_BYTES + 1));

        // Act
        handler.handleRequest(small, null);
        APIGatewayV2HTTPResponse refused = handler.handleRequest(large, null);

        // Assert
        assertThat(seen).singleElement().extracting(HttpRequest::body).isEqualTo("title=Vann");
        assertThat(refused.getStatusCode()).isEqualTo(413);
        assertThat(refused.getHeaders()).containsEntry("content-type", "application/problem+json");
    }
}
