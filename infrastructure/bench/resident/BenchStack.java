// Starts the local stack for the resident API benchmark and seeds the feed (run by run.sh with the stack's class path,
// as a single-file source program: java -cp ... BenchStack.java PORT POSTS_PER_DISTRICT).
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import no.nabolag.core.post.DynamoDbFeedStore;
import no.nabolag.core.post.DynamoDbPostStore;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostStatus;
import no.nabolag.local.LocalStack;
import no.nabolag.local.LocalStackConfig;

public class BenchStack {
    static final List<String> DISTRICTS = List.of("frogner", "sagene", "alna");
    static final List<String> CATEGORIES = List.of("youth", "seniors", "culture-events", "roads-water");

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
        System.out.println("BENCH READY " + stack.baseUrl() + " posts=" + n);
        System.out.flush();
        stopped.await();
    }
}
