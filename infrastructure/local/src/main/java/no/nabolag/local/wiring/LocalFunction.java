package no.nabolag.local.wiring;

import com.amazonaws.services.lambda.runtime.Context;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import no.nabolag.core.config.Settings;
import no.nabolag.core.json.Json;
import no.nabolag.core.log.JsonLog;

/**
 * One function of template.yaml, hosted in this JVM like a warm Lambda container: its handler class is instantiated
 * once through its {@code (Settings)} constructor and then invoked with events. A handler class that does not exist
 * yet (a module still being written) is reported once and makes the function "missing" instead of breaking the stack.
 */
public final class LocalFunction {
    private static final JsonLog LOG = JsonLog.forClass(LocalFunction.class);
    /** Handler invocations running now, across every function (for awaitIdle). */
    static final AtomicInteger RUNNING = new AtomicInteger();

    private final String id;
    private final String handlerClass;
    private final String handlerMethod;
    private final Settings settings;
    private final int timeoutSeconds;
    private final int memoryMb;
    private final String arn;
    private Object instance;
    private Method method;
    private boolean missing;

    public LocalFunction(String id, String handler, Settings settings, int timeoutSeconds, int memoryMb, String arn) {
        this.id = id;
        int sep = handler.indexOf("::");
        this.handlerClass = sep < 0 ? handler : handler.substring(0, sep);
        this.handlerMethod = sep < 0 ? "handleRequest" : handler.substring(sep + 2);
        this.settings = settings;
        this.timeoutSeconds = timeoutSeconds;
        this.memoryMb = memoryMb;
        this.arn = arn;
    }

    /** Handler invocations running now, across every function. */
    public static int running() {
        return RUNNING.get();
    }

    public String id() {
        return id;
    }

    public String handlerClass() {
        return handlerClass;
    }

    public Settings settings() {
        return settings;
    }

    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    int memoryMb() {
        return memoryMb;
    }

    String arn() {
        return arn;
    }

    /** Whether the handler class is on the class path (checked without instantiating it). */
    public synchronized boolean available() {
        if (instance != null) {
            return true;
        }
        if (missing) {
            return false;
        }
        try {
            Class.forName(handlerClass, false, getClass().getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            missing = true;
            LOG.warn("Handler class not found; its routes answer 501 and its event sources stay idle",
                    Map.of("function", id, "handler", handlerClass));
            return false;
        }
    }

    /** Creates the handler (the "cold start") if not done yet; a failed init is retried on the next invocation. */
    public synchronized void initialize() {
        if (instance != null) {
            return;
        }
        if (!available()) {
            throw new MissingHandlerException(id, handlerClass);
        }
        long start = System.nanoTime();
        try {
            Class<?> type = Class.forName(handlerClass, true, getClass().getClassLoader());
            Object created;
            try {
                created = type.getConstructor(Settings.class).newInstance(settings);
            } catch (NoSuchMethodException e) {
                created = type.getConstructor().newInstance();
            }
            method = findHandlerMethod(type);
            instance = created;
            LOG.info("Function initialised", Map.of("function", id,
                    "initMs", (System.nanoTime() - start) / 1_000_000));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Init of " + id + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot instantiate " + handlerClass, e);
        }
    }

    private Method findHandlerMethod(Class<?> type) {
        Method best = null;
        for (Method m : type.getMethods()) {
            if (m.getName().equals(handlerMethod) && !m.isBridge() && !m.isSynthetic()
                    && !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 2
                    && Context.class.isAssignableFrom(m.getParameterTypes()[1])) {
                if (best == null || best.getParameterTypes()[0].isAssignableFrom(m.getParameterTypes()[0])) {
                    best = m;
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException(handlerClass + " has no method " + handlerMethod + "(event, Context)");
        }
        return best;
    }

    /**
     * Invokes the handler with an event (converted through JSON when the handler declares another event type)
     * and returns its result converted to {@code resultType} (null for none).
     */
    public <T> T invoke(Object event, Class<T> resultType) {
        initialize();
        Object argument = event;
        Class<?> parameter = method.getParameterTypes()[0];
        if (event != null && !parameter.isInstance(event)) {
            argument = Json.MAPPER.convertValue(event, parameter);
        }
        RUNNING.incrementAndGet();
        long start = System.nanoTime();
        try {
            Object result = method.invoke(instance, argument, new LocalContext(this));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            if (tookMs > timeoutSeconds * 1000L) {
                LOG.warn("Invocation ran past the function's Timeout (Lambda would have stopped it)",
                        Map.of("function", id, "durationMs", tookMs, "timeoutSeconds", timeoutSeconds));
            }
            if (result == null || resultType == null) {
                return null;
            }
            return resultType.isInstance(result) ? resultType.cast(result) : Json.MAPPER.convertValue(result, resultType);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } finally {
            RUNNING.decrementAndGet();
        }
    }

    /** Thrown when a function's handler class is not on the class path (yet). */
    public static final class MissingHandlerException extends RuntimeException {
        MissingHandlerException(String function, String handlerClass) {
            super("Handler " + handlerClass + " of " + function + " is not implemented yet", null, false, false);
        }
    }
}
