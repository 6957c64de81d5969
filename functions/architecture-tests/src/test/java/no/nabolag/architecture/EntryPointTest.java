package no.nabolag.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The entry-point rules ({@link EntryPoints}) over every production class of the function modules. */
@AnalyzeClasses(packages = "no.nabolag", importOptions = ImportOption.DoNotIncludeTests.class)
class EntryPointTest {
    @ArchTest
    static final ArchRule handlersOpenALogRequestScope = EntryPoints.HANDLERS_OPEN_A_LOG_REQUEST_SCOPE;
}
