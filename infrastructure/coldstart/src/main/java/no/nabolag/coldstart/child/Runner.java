package no.nabolag.coldstart.child;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * What Lambda does in a new execution environment, in a fresh JVM: load the handler class, call its public
 * no-argument constructor (the function reads its settings from the environment, as in Lambda), and invoke it once
 * with an event. Runs with only the function's deployment jar (or a baseline) and this package on the class path.
 *
 * <p>Usage: Runner handlerClass eventFile. The event file is a properties file: kind=http|sqs|schedule and, for http,
 * method, routeKey, rawPath, path.NAME, query, header.NAME, cookies, body; for sqs, body. Prints one line
 * "COLDSTART initMs=.. invokeMs=.. cpuMs=.. status=.. calls=..." on the real stdout (the function's own log lines go to stderr).
 */
public final class Runner {
    private Runner() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        PrintStream result = System.out;
        System.setOut(new PrintStream(System.err, true, StandardCharsets.UTF_8)); // function logs stay apart
        Properties event = new Properties();
        try (var in = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
            event.load(in);
        }
        Object handler = Class.forName(args[0]).getConstructor().newInstance();
        long t1 = System.nanoTime();
        Object response = ((RequestHandler) handler).handleRequest(event(event), new BenchContext());
        long t2 = System.nanoTime();
        // CPU time of the whole JVM (all threads, JIT and GC included) up to here: the work a cold start costs,
        // less sensitive than wall time to other processes on a shared machine.
        long cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
        result.printf("COLDSTART initMs=%.1f invokeMs=%.1f cpuMs=%.1f status=%s calls=%s%n", (t1 - t0) / 1e6,
                (t2 - t1) / 1e6, cpu / 1e6, status(response), String.join(",", CallRecorder.calls()));
        result.flush();
        System.exit(0);
    }

    private static Object event(Properties p) {
        switch (p.getProperty("kind")) {
            case "http" -> {
                APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
                e.setVersion("2.0");
                e.setRouteKey(p.getProperty("routeKey"));
                e.setRawPath(p.getProperty("rawPath"));
                e.setRawQueryString(p.getProperty("query", ""));
                Map<String, String> path = new HashMap<>();
                Map<String, String> headers = new HashMap<>();
                p.stringPropertyNames().forEach(k -> {
                    if (k.startsWith("path.")) {
                        path.put(k.substring(5), p.getProperty(k));
                    } else if (k.startsWith("header.")) {
                        headers.put(k.substring(7), p.getProperty(k));
                    }
                });
                e.setPathParameters(path);
                e.setHeaders(headers);
                e.setBody(p.getProperty("body"));
                if (p.getProperty("cookies") != null) {
                    e.setCookies(List.of(p.getProperty("cookies").split("; ")));
                }
                e.setIsBase64Encoded(false);
                APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
                APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
                http.setMethod(p.getProperty("method"));
                http.setPath(p.getProperty("rawPath"));
                http.setSourceIp("203.0.113.10");
                context.setHttp(http);
                context.setRouteKey(p.getProperty("routeKey"));
                context.setRequestId(UUID.randomUUID().toString());
                context.setDomainName("bench.execute-api.eu-west-1.amazonaws.com");
                e.setRequestContext(context);
                return e;
            }
            case "sqs" -> {
                SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                message.setMessageId(UUID.randomUUID().toString());
                message.setBody(p.getProperty("body"));
                message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
                message.setEventSource("aws:sqs");
                SQSEvent e = new SQSEvent();
                List<SQSEvent.SQSMessage> records = new ArrayList<>();
                records.add(message);
                e.setRecords(records);
                return e;
            }
            case "schedule" -> {
                ScheduledEvent e = new ScheduledEvent();
                e.setSource("aws.events");
                e.setDetailType("Scheduled Event");
                return e;
            }
            default -> throw new IllegalArgumentException("kind " + p.getProperty("kind"));
        }
    }

    private static String status(Object response) {
        if (response == null) {
            return "ok";
        }
        try {
            Object code = response.getClass().getMethod("getStatusCode").invoke(response);
            return String.valueOf(code);
        } catch (ReflectiveOperationException e) {
            try {
                Object failures = response.getClass().getMethod("getBatchItemFailures").invoke(response);
                return failures instanceof List<?> l && !l.isEmpty() ? "failures=" + l.size() : "ok";
            } catch (ReflectiveOperationException e2) {
                return "ok";
            }
        }
    }

    /** A Lambda context with the limits of a 300 s function. */
    private static final class BenchContext implements Context {
        private final long deadline = System.currentTimeMillis() + 300_000;

        @Override public String getAwsRequestId() { return "bench"; }
        @Override public String getLogGroupName() { return "bench"; }
        @Override public String getLogStreamName() { return "bench"; }
        @Override public String getFunctionName() { return "bench"; }
        @Override public String getFunctionVersion() { return "1"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:eu-west-1:000000000000:function:bench"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return (int) Math.max(0, deadline - System.currentTimeMillis()); }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.err.println(message); }
                @Override public void log(byte[] message) { System.err.println(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }

}
