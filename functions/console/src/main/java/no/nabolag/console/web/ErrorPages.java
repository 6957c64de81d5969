package no.nabolag.console.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import no.nabolag.core.error.DomainException;
import no.nabolag.core.log.JsonLog;
import no.nabolag.core.error.FieldError;
import no.nabolag.lambda.http.web.Problem;
import no.nabolag.lambda.http.web.ProblemException;

/** Errors become pages, never JSON or a stack trace in a browser. */
public final class ErrorPages {
    private static final JsonLog LOG = JsonLog.forClass(ErrorPages.class);

    private ErrorPages() {
    }

    /** A route's own refusal: 403, 404, 400, 409 with its message. */
    @Singleton
    @Produces
    @Requires(classes = ExceptionHandler.class)
    public static final class Refusals implements ExceptionHandler<ConsolePageException, HttpResponse<?>> {
        private final Pages pages;

        public Refusals(Pages pages) {
            this.pages = pages;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ConsolePageException exception) {
            return pages.error(request, exception.status(), exception.messageKey());
        }
    }

    /** A domain refusal (invalid input, not found, conflict): its status and its field messages. */
    @Singleton
    @Produces
    @Requires(classes = ExceptionHandler.class)
    public static final class DomainRefusals implements ExceptionHandler<DomainException, HttpResponse<?>> {
        private final Pages pages;

        public DomainRefusals(Pages pages) {
            this.pages = pages;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, DomainException exception) {
            return problemPage(pages, request, Problem.from(exception));
        }
    }

    /** An HTTP-level refusal of shared code (lambda-http's Problem): the same page. */
    @Singleton
    @Produces
    @Requires(classes = ExceptionHandler.class)
    public static final class ProblemRefusals implements ExceptionHandler<ProblemException, HttpResponse<?>> {
        private final Pages pages;

        public ProblemRefusals(Pages pages) {
            this.pages = pages;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ProblemException exception) {
            return problemPage(pages, request, exception.problem());
        }
    }

    static HttpResponse<?> problemPage(Pages pages, HttpRequest<?> request, Problem problem) {
        List<String> details = problem.errors() == null ? null
                : problem.errors().stream().map(FieldError::message).toList();
        return pages.error(request, problem.status(), null, details, problem.detail());
    }

    /** Anything else: logged with its stack trace and the Lambda request id, answered with a plain 500 page. */
    @Singleton
    @Produces
    @Requires(classes = ExceptionHandler.class)
    public static final class Failures implements ExceptionHandler<RuntimeException, HttpResponse<?>> {
        private final Pages pages;

        public Failures(Pages pages) {
            this.pages = pages;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, RuntimeException exception) {
            // JsonLog adds the invocation's awsRequestId (ConsoleFunction opens the request scope) and the stack trace.
            LOG.error("console request failed", exception, Map.of("path", request.getPath()));
            return pages.error(request, 500, "error_500");
        }
    }
}
