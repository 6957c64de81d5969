package no.nabolag.local.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import no.nabolag.core.aws.AwsClients;
import no.nabolag.core.config.Settings;
import no.nabolag.local.sns.SnsEmulator;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * How many Publish calls per second the SNS emulator takes from real SnsClients (what the delivery benchmark
 * leans on). Usage: {@code java -cp ... no.nabolag.local.bench.SnsPublishBenchmark [threads] [seconds]}.
 */
public final class SnsPublishBenchmark {
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
            AtomicLong published = new AtomicLong();
            String message = "{\"default\":\"Vannbrudd\",\"APNS\":\"{\\\"aps\\\":{\\\"alert\\\":{\\\"title\\\":"
                    + "\\\"Vannbrudd i Sagene\\\",\\\"body\\\":\\\"Vannet er stengt til kl. 14\\\"}}}\"}";
            long warmupEnd = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    try (SnsClient sns = AwsClients.sns(settings)) {
                        List<String> endpoints = new ArrayList<>();
                        for (int i = 0; i < 100; i++) {
                            String token = "bench-" + thread + "-" + i;
                            endpoints.add(sns.createPlatformEndpoint(r -> r.platformApplicationArn(app).token(token))
                                    .endpointArn());
                        }
                        for (long i = 0; System.nanoTime() < end; i++) {
                            String arn = endpoints.get((int) (i % endpoints.size()));
                            sns.publish(r -> r.targetArn(arn).messageStructure("json").message(message));
                            if (System.nanoTime() > warmupEnd) {
                                published.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            System.out.printf("SNS emulator: %d Publish calls in %d s on %d threads = %.0f/s (%d cores)%n",
                    published.get(), seconds, threads, published.get() / (double) seconds,
                    Runtime.getRuntime().availableProcessors());
        }
    }
}
