package no.nabolag.local.init;

import java.lang.reflect.Method;

/**
 * Runs in a child JVM whose class path is one function's deployment jar and whose environment is the one template.yaml
 * gives the function: initialises the handler as the Lambda Java runtime does (loads the class, calls its public no-arg
 * constructor, checks the handler method exists). Prints {@value #OK} and exits 0, or exits 1 after the stack trace.
 * SnapStart's CRaC hooks (priming) cannot run on a JVM without CRaC, where {@code org.crac} drops registrations; the
 * priming hook never fails a snapshot by design (see SnapStartPriming).
 * Only the JDK here: nothing of this class may hide a class missing from the jar.
 */
public final class LambdaInit {
    public static final String OK = "LAMBDA-INIT-OK";

    private LambdaInit() {
    }

    public static void main(String[] args) throws Exception {
        String handler = args[0];
        int sep = handler.indexOf("::");
        String className = sep < 0 ? handler : handler.substring(0, sep);
        String methodName = sep < 0 ? "handleRequest" : handler.substring(sep + 2);
        try {
            Class<?> type = Class.forName(className, true, LambdaInit.class.getClassLoader());
            Object instance = type.getConstructor().newInstance();
            boolean hasMethod = false;
            for (Method method : type.getMethods()) {
                hasMethod |= method.getName().equals(methodName);
            }
            if (!hasMethod) {
                throw new IllegalStateException(className + " has no public method " + methodName);
            }
            System.out.println(OK + " " + instance.getClass().getName());
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
