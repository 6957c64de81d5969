package no.nabolag.lambda.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import no.nabolag.core.error.ConflictException;
import no.nabolag.core.error.FieldError;
import no.nabolag.core.error.InvalidInputException;
import no.nabolag.core.error.NotFoundException;
import no.nabolag.core.error.UnauthorizedException;
import no.nabolag.core.error.UnavailableException;
import org.junit.jupiter.api.Test;

/** The one place where the domain's refusals become problem+json: status, type, title, detail and field errors. */
class ProblemTest {

    @Test
    void invalidInputIsA400ValidationProblemNamingEveryField() {
        Problem problem = Problem.from(new InvalidInputException(List.of(new FieldError("name", "is required"),
                new FieldError("districtIds[1]", "unknown district 'x'"))));

        assertThat(problem).isEqualTo(new Problem("https://nabolag.no/problems/validation", "Invalid request", 400,
                "2 fields are invalid", List.of(new FieldError("name", "is required"),
                new FieldError("districtIds[1]", "unknown district 'x'"))));
        assertThat(Problem.from(new InvalidInputException("cursor", "is not a cursor")).detail())
                .isEqualTo("cursor: is not a cursor");
    }

    @Test
    void eachRefusalKeepsItsStatusTitleAndDetail() {
        assertThat(Problem.from(new UnauthorizedException("Unknown device or wrong device secret")))
                .isEqualTo(Problem.unauthorized("Unknown device or wrong device secret"))
                .extracting(Problem::status, Problem::title).containsExactly(401, "Unauthorized");
        assertThat(Problem.from(new NotFoundException("No post p1")))
                .isEqualTo(Problem.notFound("No post p1"))
                .extracting(Problem::status, Problem::title).containsExactly(404, "Not found");
        assertThat(Problem.from(new ConflictException("Post p1 is PUBLISHED and cannot be rejected")))
                .isEqualTo(Problem.conflict("Post p1 is PUBLISHED and cannot be rejected"))
                .extracting(Problem::status, Problem::title).containsExactly(409, "Conflict");
    }

    @Test
    void anHttpProblemPassesThroughAndAnythingElseIsAnOpaque500() {
        Problem tooLarge = Problem.payloadTooLarge(1024);

        assertThat(Problem.from(tooLarge.exception())).isSameAs(tooLarge);
        assertThat(Problem.from(new IllegalStateException("table ResidentDevices: secret detail")))
                .isEqualTo(Problem.internal())
                .satisfies(p -> assertThat(p.detail()).doesNotContain("secret"));
    }

    @Test
    void theRouterAnswersADomainRefusalAsProblemJson() {
        Router router = new Router().route("GET /v1/posts/{postId}", r -> {
            throw new NotFoundException("No such post");
        });

        HttpResponse response = router.handle(new HttpRequest("GET", "/v1/posts/p1", "GET /v1/posts/{postId}",
                null, null, null, null, "127.0.0.1"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers()).containsEntry("content-type", HttpResponse.PROBLEM_JSON);
        assertThat(response.body()).contains("\"title\":\"Not found\"", "\"detail\":\"No such post\"");
    }

    @Test
    void aBusyServiceIsA503ThatSaysWhenToRetry() {
        Router router = new Router().route("DELETE /v1/devices/{deviceId}", r -> {
            throw new UnavailableException("The push service is busy; retry in a few seconds", 5);
        });

        HttpResponse response = router.handle(new HttpRequest("DELETE", "/v1/devices/d1", "DELETE /v1/devices/{deviceId}",
                null, null, null, null, "127.0.0.1"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsEntry("retry-after", "5")
                .containsEntry("content-type", HttpResponse.PROBLEM_JSON);
        assertThat(response.body()).contains("\"title\":\"Service unavailable\"", "busy");
    }
}
