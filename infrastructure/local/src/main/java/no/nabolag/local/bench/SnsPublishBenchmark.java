package no.nabolag.local.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import no.nabolag.aws.AwsClients;
import no.nabolag.core.config.Settings;
import no.nabolag.local.sns.SnsEmulator;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * How many Publish calls per second the SNS emulator takes from real SnsClients (what the delivery benchmark
 * leans on). Usage: {@code java -cp ... no.nabolag.local.bench.SnsPublishBenchmark [threads] [seconds]}.
 * Counts the calls of the measured window after a 3 s warm-up.
 */
public final class SnsPublishBenchmark {
    private static final String MESSAGE = "{\"default\":\"Vannbrudd\",\"APNS\":\"{\\\"aps\\\":{\\\"alert\\\":{\\\"title\\\":"
            + "\\\"Vannbrudd i Sagene\\\",\\\"body\\\":\\\"Vannet er stengt til kl. 14\\\"}}}\"}";

    private SnsPublishBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (SnsEmulator emulator = SnsEmulator.start("eu-north-1", "000000000000")) {
            Settings settings = Settings.of(Map.of("AWS_REGION", "eu-north-1", "AWS_ACCESS_KEY_ID", "local",
                    "AWS_SECRET_ACCESS_KEY", "local", AwsClients.SNS_ENDPOINT, emulator.endpoint().toString()));
            String app = emulator.createPlatformApplication("bench", "APNS");
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            AtomicLong calls = new AtomicLong();
            CyclicBarrier ready = new CyclicBarrier(threads + 1);
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    try (SnsClient sns = AwsClients.sns(settings)) {
                        List<String> endpoints = new ArrayList<>();
                        for (int i = 0; i < 50; i++) {
                            String token = "bench-" + thread + "-" + i;
                            endpoints.add(sns.createPlatformEndpoint(r -> r.platformApplicationArn(app).token(token))
                                    .endpointArn());
                        }
                        ready.await();
                        for (int i = 0; !stop.get(); i++) {
                            String arn = endpoints.get(i % endpoints.size());
                            sns.publish(r -> r.targetArn(arn).messageStructure("json").message(MESSAGE));
                            calls.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            ready.await();
            Thread.sleep(3000);
            long before = calls.get();
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long measured = calls.get() - before;
            double elapsed = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            System.out.printf("SNS emulator: %d Publish calls in %.1f s on %d client threads = %.0f/s (%d cores)%n",
                    measured, elapsed, threads, measured / elapsed, Runtime.getRuntime().availableProcessors());
        }
    }
}
