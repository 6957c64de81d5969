package no.nabolag.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import no.nabolag.core.archfixture.DomainCallingDynamoDb;
import no.nabolag.core.archfixture.DomainThrowingProblems;
import no.nabolag.fanout.archfixture.FanoutCallingDelivery;
import no.nabolag.local.archfixture.LocalHelper;
import org.junit.jupiter.api.Test;

/**
 * The rules are not vacuous: each one fails on a class that breaks it (fixtures in this module's test sources,
 * which {@link LayeringTest} leaves out), and the real classes it checks are there to be checked.
 */
class LayeringRulesCatchViolationsTest {

    @Test
    void aDomainClassUsingTheAwsSdkBreaksTheBuild() {
        JavaClasses violating = new ClassFileImporter().importClasses(DomainCallingDynamoDb.class);

        assertThatThrownBy(() -> Layering.DOMAIN_USES_NO_AWS.check(violating))
                .isInstanceOf(AssertionError.class).hasMessageContaining("software.amazon.awssdk");
    }

    @Test
    void aDomainClassThrowingHttpProblemsBreaksTheBuild() {
        JavaClasses violating = new ClassFileImporter().importClasses(DomainThrowingProblems.class);

        assertThatThrownBy(() -> Layering.DOMAIN_USES_NO_HTTP.check(violating))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no.nabolag.lambda.http.web.Problem");
    }

    @Test
    void aFunctionUsingAnotherFunctionBreaksTheBuild() {
        JavaClasses violating = new ClassFileImporter().importClasses(FanoutCallingDelivery.class,
                no.nabolag.delivery.DeliveryHandler.class);

        assertThatThrownBy(() -> Layering.FUNCTIONS_ARE_INDEPENDENT.check(violating))
                .isInstanceOf(AssertionError.class).hasMessageContaining("DeliveryHandler");
    }

    @Test
    void aFunctionUsingTheLocalStackBreaksTheBuild() {
        JavaClasses violating = new ClassFileImporter().importClasses(FanoutCallingDelivery.class, LocalHelper.class);

        assertThatThrownBy(() -> Layering.FUNCTIONS_USE_NO_INFRASTRUCTURE.check(violating))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no.nabolag.local.archfixture.LocalHelper");
    }

    @Test
    void theRulesSeeTheRealModules() {
        JavaClasses production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("no.nabolag");

        for (String module : new String[] {"no.nabolag.core.post", "no.nabolag.aws.post", "no.nabolag.lambda.http.web",
            "no.nabolag.resident", "no.nabolag.publisher", "no.nabolag.console", "no.nabolag.fanout",
            "no.nabolag.delivery", "no.nabolag.scheduler"}) {
            assertThat(production.containPackage(module)).as(module).isTrue();
        }
        assertThat(production.containPackage("no.nabolag.core.archfixture")).as("test fixtures left out").isFalse();
    }
}
