package no.nabolag.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;

/**
 * The layering, as rules: core is the domain (no AWS SDK, no HTTP, no adapters); aws holds the adapters behind
 * core's ports; lambda-http the HTTP model; each function wires them and uses no other function; nothing under
 * functions/ uses infrastructure/ (the local stack, benchmarks, tools).
 */
final class Layering {
    static final String CORE = "no.nabolag.core..";
    static final String AWS = "no.nabolag.aws..";
    static final String HTTP = "no.nabolag.lambda..";
    /**
     * The function modules' packages (functions/resident-api, publisher, console, fanout, delivery, scheduler,
     * devices).
     */
    static final List<String> FUNCTIONS = List.of("resident", "publisher", "console", "fanout", "delivery",
            "scheduler", "devices");
    /** infrastructure/local, bench, catalog-loader and coldstart. */
    static final String[] INFRASTRUCTURE = {"no.nabolag.local..", "no.nabolag.bench..", "no.nabolag.catalogloader..",
        "no.nabolag.coldstart.."};

    private Layering() {
    }

    static String[] functionPackages() {
        return FUNCTIONS.stream().map(f -> "no.nabolag." + f + "..").toArray(String[]::new);
    }

    static final ArchRule DOMAIN_USES_NO_AWS = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..", AWS)
            .because("the domain is read and tested without AWS; adapters live in functions/aws");

    static final ArchRule DOMAIN_USES_NO_HTTP = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(HTTP, "java.net.http..", "io.micronaut.http..")
            .because("the domain throws typed exceptions; lambda-http maps them to problem+json in one place");

    static final ArchRule DOMAIN_USES_NO_FUNCTION = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(functionPackages());

    static final ArchRule ADAPTERS_USE_NO_HTTP_AND_NO_FUNCTION = noClasses().that().resideInAPackage(AWS)
            .should().dependOnClassesThat().resideInAnyPackage(concat(functionPackages(), HTTP));

    static final ArchRule HTTP_MODEL_USES_NO_AWS_AND_NO_FUNCTION = noClasses().that().resideInAPackage(HTTP)
            .should().dependOnClassesThat().resideInAnyPackage(concat(functionPackages(), AWS, "software.amazon.."));

    static final ArchRule FUNCTIONS_ARE_INDEPENDENT = slices().assignedFrom(new FunctionSlices())
            .should().notDependOnEachOther()
            .because("each function is its own deployment package; what two share belongs in core, aws or lambda-http");

    static final ArchRule FUNCTIONS_USE_NO_INFRASTRUCTURE = noClasses()
            .that().resideInAnyPackage(concat(functionPackages(), CORE, AWS, HTTP))
            .should().dependOnClassesThat().resideInAnyPackage(INFRASTRUCTURE)
            .because("infrastructure/ (local stack, benchmarks, tools) builds on the functions, never the reverse");

    static final ArchRule DOMAIN_PACKAGES_HAVE_NO_CYCLES = slices().matching("no.nabolag.core.(*)..")
            .should().beFreeOfCycles();

    static final List<ArchRule> ALL = List.of(DOMAIN_USES_NO_AWS, DOMAIN_USES_NO_HTTP, DOMAIN_USES_NO_FUNCTION,
            ADAPTERS_USE_NO_HTTP_AND_NO_FUNCTION, HTTP_MODEL_USES_NO_AWS_AND_NO_FUNCTION, FUNCTIONS_ARE_INDEPENDENT,
            FUNCTIONS_USE_NO_INFRASTRUCTURE, DOMAIN_PACKAGES_HAVE_NO_CYCLES);

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    /** One slice per function module (by its top-level package); shared modules and libraries are no slice. */
    private static final class FunctionSlices implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            for (String function : FUNCTIONS) {
                String root = "no.nabolag." + function;
                if (name.equals(root) || name.startsWith(root + ".")) {
                    return SliceIdentifier.of(function);
                }
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "function modules";
        }
    }
}
