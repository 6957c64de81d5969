package no.nabolag.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every setting a function's code reads is an environment variable that template.yaml sets for that function
 * (Globals or its own section), unless Lambda itself provides it or it exists only in the local stack.
 * The names are read from the function's jar: see {@link FunctionCode} for the method.
 */
class TemplateEnvironmentTest {
    /** Set by the Lambda runtime in every execution environment. */
    static final Set<String> LAMBDA_PROVIDED = Set.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_INITIALIZATION_TYPE",
            "AWS_EXECUTION_ENV", "_X_AMZN_TRACE_ID");
    /**
     * Only the local stack sets these: emulator endpoints (in AWS the SDK's regional endpoints apply) and the
     * bearer token of the local admin API (in AWS, API Gateway authorises /admin with IAM and ADMIN_AUTH=iam).
     */
    static final Set<String> LOCAL_ONLY = Set.of("AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SQS",
            "AWS_ENDPOINT_URL_SNS", "AWS_ENDPOINT_URL_SECRETS_MANAGER", "NABOLAG_ADMIN_TOKEN");

    private final Template template = Template.load();

    @TestFactory
    Iterable<DynamicTest> everySettingTheCodeReadsIsSet() {
        return template.functions().stream().map(function -> DynamicTest.dynamicTest(function, () -> {
            Map<String, Boolean> read = template.code(function).settingsRead(template.handlerClass(function));
            Set<String> set = template.environment(function).keySet();
            Set<String> missing = new TreeSet<>(read.keySet());
            missing.removeAll(set);
            missing.removeAll(LAMBDA_PROVIDED);
            missing.removeAll(LOCAL_ONLY);
            assertThat(missing).as(function + " reads " + read.keySet() + " but template.yaml does not set").isEmpty();
        })).toList();
    }

    @TestFactory
    Iterable<DynamicTest> everyVariableInAFunctionsOwnSectionIsRead() {
        return template.functions().stream().map(function -> DynamicTest.dynamicTest(function, () -> {
            Map<String, Object> own = Template.map(Template.map(Template.properties(template.resource(function))
                    .get("Environment")).get("Variables"));
            Set<String> unused = new TreeSet<>(own.keySet());
            unused.removeAll(template.code(function).settingsRead(template.handlerClass(function)).keySet());
            assertThat(unused).as(function + " sets variables its code never reads").isEmpty();
        })).toList();
    }
}
