package no.nabolag.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import no.nabolag.fanout.archfixture.HandlerWithoutRequestScope;
import org.junit.jupiter.api.Test;

/** The entry-point rule is not vacuous: it fails on a handler without a request scope and sees every real one. */
class EntryPointRuleCatchesViolationsTest {

    @Test
    void aHandlerWithoutALogRequestScopeBreaksTheBuild() {
        JavaClasses violating = new ClassFileImporter().importClasses(HandlerWithoutRequestScope.class);

        assertThatThrownBy(() -> EntryPoints.HANDLERS_OPEN_A_LOG_REQUEST_SCOPE.check(violating))
                .isInstanceOf(AssertionError.class).hasMessageContaining("HandlerWithoutRequestScope does not open");
    }

    @Test
    void theRuleSeesTheHandlerOfEveryFunction() {
        JavaClasses production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("no.nabolag");

        assertThat(production.stream().filter(c -> c.isAssignableTo(RequestHandler.class)
                && !c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT))
                .map(c -> c.getSimpleName()))
                .contains("ResidentApiHandler", "PublisherHandler", "ConsoleFunction", "FanoutHandler", "DeliveryHandler",
                        "SchedulerHandler");
    }
}
