package no.nabolag.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.stream.Stream;
import no.nabolag.core.log.JsonLog;

/**
 * Rules for the Lambda entry points. Every handler (a {@link RequestHandler}, or a subclass of lambda-http's
 * {@code HttpApiHandler}, which is one) opens a {@link JsonLog#requestScope} in {@code handleRequest}, itself or in a
 * superclass, so every log line of an invocation, error lines above all, carries the Lambda request id (issue 12).
 * A function added later is held to it as soon as its handler class exists.
 */
final class EntryPoints {
    static final ArchRule HANDLERS_OPEN_A_LOG_REQUEST_SCOPE = classes()
            .that().implement(RequestHandler.class)
            .should(openALogRequestScopeInHandleRequest())
            .because("every log line of an invocation must carry its awsRequestId");

    private EntryPoints() {
    }

    private static ArchCondition<JavaClass> openALogRequestScopeInHandleRequest() {
        return new ArchCondition<>("open a JsonLog.requestScope in handleRequest (itself or a superclass)") {
            @Override
            public void check(JavaClass handler, ConditionEvents events) {
                boolean opens = Stream.concat(Stream.of(handler), handler.getAllRawSuperclasses().stream())
                        .flatMap(type -> type.getMethodCallsFromSelf().stream())
                        .anyMatch(call -> call.getOrigin().getName().equals("handleRequest")
                                && call.getTargetOwner().isEquivalentTo(JsonLog.class)
                                && call.getName().equals("requestScope"));
                events.add(new SimpleConditionEvent(handler, opens, handler.getName()
                        + (opens ? " opens" : " does not open") + " a JsonLog.requestScope in handleRequest"));
            }
        };
    }
}
