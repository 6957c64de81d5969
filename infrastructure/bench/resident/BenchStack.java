// Starts the local stack for the resident API benchmark and seeds the feed (run by run.sh with the stack's class path,
// as a single-file source program: java -cp ... BenchStack.java PORT POSTS_PER_DISTRICT).
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import no.nabolag.aws.post.DynamoDbFeedStore;
import no.nabolag.aws.post.DynamoDbPostStore;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostStatus;
import no.nabolag.local.LocalStack;
import no.nabolag.local.LocalStackConfig;

public class BenchStack {
    static final List<String> DISTRICTS = List.of("frogner", "sagene", "alna");
    static final List<String> CATEGORIES = List.of("youth", "seniors", "culture-events", "roads-water");

    /**
     * The emulator's own latency as the handler's client sees it (same settings, same url-connection HTTP client):
     * 300 sequential GetItem and Query (Limit 20, newest first) calls, after 50 of warm-up.
     */
    static void emulatorLatency(LocalStack stack) {
        var settings = stack.settingsOf("ResidentApiFunction");
        try (var dynamoDb = no.nabolag.aws.AwsClients.dynamoDb(settings)) {
            String feed = stack.tableName("FeedTable");
            var key = java.util.Map.of("deviceId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("none"));
            String devices = stack.tableName("DevicesTable");
            var values = java.util.Map.of(":d", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("frogner"));
            Runnable get = () -> dynamoDb.getItem(r -> r.tableName(devices).key(key));
            Runnable query = () -> dynamoDb.query(r -> r.tableName(feed).keyConditionExpression("districtId = :d")
                    .expressionAttributeValues(values).scanIndexForward(false).limit(20));
            System.out.println("BENCH EMULATOR GetItem " + percentiles(get));
            System.out.println("BENCH EMULATOR Query " + percentiles(query));
        }
    }

    static String percentiles(Runnable call) {
        for (int i = 0; i < 50; i++) {
            call.run();
        }
        long[] micros = new long[300];
        for (int i = 0; i < micros.length; i++) {
            long start = System.nanoTime();
            call.run();
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        java.util.Arrays.sort(micros);
        return String.format(java.util.Locale.ROOT, "p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f", micros[150] / 1000.0,
                micros[270] / 1000.0, micros[297] / 1000.0);
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int perDistrict = Integer.parseInt(args[1]);
        LocalStack stack = LocalStack.start(LocalStackConfig.defaults().withPort(port).withSchedules(false));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }));
        // Published posts as publishing writes them (core.post stores): some in two districts, mixed categories.
        var posts = new DynamoDbPostStore(stack.dynamoDb(), stack.tableName("PostsTable"));
        var feed = new DynamoDbFeedStore(stack.dynamoDb(), stack.tableName("FeedTable"));
        Instant start = Instant.now().minus(Duration.ofDays(10));
        int n = perDistrict * DISTRICTS.size();
        for (int i = 0; i < n; i++) {
            String id = UUID.randomUUID().toString().replace("-", "");
            List<String> districts = i % 4 == 0 ? List.of(DISTRICTS.get(i % 3), DISTRICTS.get((i + 1) % 3))
                    : List.of(DISTRICTS.get(i % 3));
            Instant at = start.plusSeconds(60L * i);
            Post post = new Post(id, "oslo", "org-bench", "Bydel benchmark", districts,
                    List.of(CATEGORIES.get(i % CATEGORIES.size())), "Innlegg " + i, "Tekst " + i, "Post " + i,
                    "Text " + i, null, false, null, null, at, at, PostStatus.PUBLISHED, at, null, List.of(), null);
            posts.create(post);
            feed.addEntries(post);
        }
        emulatorLatency(stack);
        System.out.println("BENCH READY " + stack.baseUrl() + " posts=" + n);
        System.out.flush();
        stopped.await();
    }
}
