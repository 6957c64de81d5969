package no.nabolag.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering rules ({@link Layering}) over every production class of the function modules. */
@AnalyzeClasses(packages = "no.nabolag", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
    @ArchTest
    static final ArchRule domainUsesNoAws = Layering.DOMAIN_USES_NO_AWS;
    @ArchTest
    static final ArchRule domainUsesNoHttp = Layering.DOMAIN_USES_NO_HTTP;
    @ArchTest
    static final ArchRule domainUsesNoFunction = Layering.DOMAIN_USES_NO_FUNCTION;
    @ArchTest
    static final ArchRule adaptersUseNoHttpAndNoFunction = Layering.ADAPTERS_USE_NO_HTTP_AND_NO_FUNCTION;
    @ArchTest
    static final ArchRule httpModelUsesNoAwsAndNoFunction = Layering.HTTP_MODEL_USES_NO_AWS_AND_NO_FUNCTION;
    @ArchTest
    static final ArchRule functionsAreIndependent = Layering.FUNCTIONS_ARE_INDEPENDENT;
    @ArchTest
    static final ArchRule functionsUseNoInfrastructure = Layering.FUNCTIONS_USE_NO_INFRASTRUCTURE;
    @ArchTest
    static final ArchRule domainPackagesHaveNoCycles = Layering.DOMAIN_PACKAGES_HAVE_NO_CYCLES;
}
