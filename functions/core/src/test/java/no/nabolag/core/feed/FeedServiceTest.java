package no.nabolag.core.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class FeedServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-28T20:00:00Z");
    private final Map<String, List<FeedEntry>> districts = new HashMap<>();
    private final Map<String, FeedPost> posts = new HashMap<>();
    private final List<String> queried = Collections.synchronizedList(new ArrayList<>());

    /** An in-memory feed that reads like DynamoDbFeedReader: descending, filtered, limited. */
    private final FeedReader store = (districtId, beforeKey, categories, limit, now) -> {
        queried.add(districtId);
        List<FeedEntry> all = districts.getOrDefault(districtId, List.of()).stream()
                .sorted((a, b) -> b.feedKey().compareTo(a.feedKey()))
                .filter(e -> beforeKey == null || e.feedKey().compareTo(beforeKey) < 0).toList();
        List<FeedEntry> found = new ArrayList<>();
        String upTo = beforeKey;
        for (int i = 0; i < all.size(); i++) {
            FeedEntry e = all.get(i);
            upTo = e.feedKey();
            if (e.visibleAt(now) && e.inAnyOf(categories)) {
                found.add(e);
                if (found.size() == limit) {
                    return new FeedReader.Slice(found, i == all.size() - 1, upTo);
                }
            }
        }
        return new FeedReader.Slice(found, true, upTo);
    };

    private final PostReader reader = new PostReader() {
        @Override
        public Optional<FeedPost> find(String postId) {
            return Optional.ofNullable(posts.get(postId));
        }

        @Override
        public Map<String, FeedPost> findAll(Collection<String> ids) {
            Map<String, FeedPost> result = new HashMap<>();
            ids.forEach(id -> Optional.ofNullable(posts.get(id)).ifPresent(p -> result.put(id, p)));
            return result;
        }
    };

    private final FeedService service = new FeedService(store, reader, Clock.fixed(NOW, ZoneOffset.UTC));

    private void publish(String postId, String at, List<String> districtIds, Set<String> categories, String expiresAt,
                         String status) {
        for (String d : districtIds) {
            districts.computeIfAbsent(d, k -> new ArrayList<>())
                    .add(new FeedEntry(d, at + "#" + postId, postId, "oslo", categories, expiresAt));
        }
        posts.put(postId, new FeedPost(postId, "oslo", "Bydel", districtIds, List.copyOf(categories), "T " + postId,
                "B", null, null, null, false, status, null, at, expiresAt));
    }

    private void publish(String postId, String at, List<String> districtIds, String... categories) {
        publish(postId, at, districtIds, Set.of(categories), null, "PUBLISHED");
    }

    private static List<String> ids(FeedPage page) {
        return page.posts().stream().map(FeedPost::postId).toList();
    }

    @Test
    void mergesDistrictsNewestFirstAndShowsAPostInSeveralDistrictsOnce() {
        // Arrange
        publish("p1", "2026-11-28T10:00:00Z", List.of("frogner"), "youth");
        publish("p2", "2026-11-28T11:00:00Z", List.of("frogner", "sagene"), "youth");
        publish("p3", "2026-11-28T12:00:00Z", List.of("sagene"), "youth");

        // Act
        FeedPage page = service.page(List.of(new FeedQuery("frogner", Set.of("youth")),
                new FeedQuery("sagene", Set.of("youth"))), null, 10);

        // Assert
        assertThat(ids(page)).containsExactly("p3", "p2", "p1");
        assertThat(page.nextKey()).isNull();
        assertThat(queried).containsExactly("frogner", "sagene");
    }

    @Test
    void filtersByTheCategoriesChosenInEachDistrict() {
        publish("a", "2026-11-28T10:00:00Z", List.of("frogner"), "youth");
        publish("b", "2026-11-28T11:00:00Z", List.of("frogner"), "seniors");
        publish("c", "2026-11-28T12:00:00Z", List.of("sagene"), "seniors");

        FeedPage page = service.page(List.of(new FeedQuery("frogner", Set.of("youth")),
                new FeedQuery("sagene", Set.of("seniors"))), null, 10);

        assertThat(ids(page)).containsExactly("c", "a");
    }

    @Test
    void leavesOutExpiredScheduledAndNoLongerPublishedPosts() {
        publish("live", "2026-11-28T10:00:00Z", List.of("frogner"), Set.of("youth"), "2026-12-01T00:00:00Z", "PUBLISHED");
        publish("expired", "2026-11-28T11:00:00Z", List.of("frogner"), Set.of("youth"), "2026-11-28T19:00:00Z",
                "PUBLISHED");
        publish("future", "2026-11-29T08:00:00Z", List.of("frogner"), Set.of("youth"), null, "PUBLISHED");
        publish("withdrawn", "2026-11-28T12:00:00Z", List.of("frogner"), Set.of("youth"), null, "WITHDRAWN");

        FeedPage page = service.page(List.of(new FeedQuery("frogner", null)), null, 10);

        assertThat(ids(page)).containsExactly("live");
    }

    @Test
    void pagesThroughTheMergedFeedWithoutGapsOrRepeats() {
        for (int i = 0; i < 25; i++) {
            String district = i % 3 == 0 ? "frogner" : "sagene";
            List<String> ds = i % 5 == 0 ? List.of("frogner", "sagene") : List.of(district);
            publish("p" + i, String.format("2026-11-28T10:%02d:00Z", i), ds, "youth");
        }
        List<FeedQuery> queries = List.of(new FeedQuery("frogner", null), new FeedQuery("sagene", null));

        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            FeedPage page = service.page(queries, next, 4);
            seen.addAll(ids(page));
            next = page.nextKey();
            pages++;
        } while (next != null && pages < 50);

        List<String> expected = new ArrayList<>();
        for (int i = 24; i >= 0; i--) {
            expected.add("p" + i);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void queryingTheDistrictsInParallelGivesTheSamePagesAsOneAfterAnother() throws Exception {
        // Arrange: posts spread over five districts, some in several
        List<String> names = List.of("frogner", "sagene", "alna", "grorud", "nordstrand");
        for (int i = 0; i < 40; i++) {
            List<String> ds = i % 7 == 0 ? List.of(names.get(i % 5), names.get((i + 2) % 5)) : List.of(names.get(i % 5));
            publish("p" + i, String.format("2026-11-28T10:%02d:00Z", i), ds, i % 2 == 0 ? "youth" : "roads");
        }
        List<FeedQuery> queries = List.of(new FeedQuery("frogner", Set.of("youth")), new FeedQuery("sagene", null),
                new FeedQuery("alna", Set.of("roads")), new FeedQuery("grorud", null), new FeedQuery("nordstrand", null));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            FeedService parallel = new FeedService(store, reader, Clock.fixed(NOW, ZoneOffset.UTC), pool);

            // Act + Assert: every page, and its continuation key, is the same
            String next = null;
            int pages = 0;
            do {
                FeedPage expected = service.page(queries, next, 3);
                FeedPage actual = parallel.page(queries, next, 3);
                assertThat(ids(actual)).isEqualTo(ids(expected));
                assertThat(actual.nextKey()).isEqualTo(expected.nextKey());
                next = expected.nextKey();
                pages++;
            } while (next != null && pages < 50);
            assertThat(pages).isGreaterThan(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingDistrictQueryFailsThePageWithTheReadersOwnException() {
        IllegalStateException failure = new IllegalStateException("throttled");
        FeedReader failing = (districtId, beforeKey, categories, limit, now) -> {
            if (districtId.equals("sagene")) {
                throw failure;
            }
            return store.read(districtId, beforeKey, categories, limit, now);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            FeedService parallel = new FeedService(failing, reader, Clock.fixed(NOW, ZoneOffset.UTC), pool);

            assertThatThrownBy(() -> parallel.page(
                    List.of(new FeedQuery("frogner", null), new FeedQuery("sagene", null)), null, 10))
                    .isSameAs(failure);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDistrictThatWasOnlyPartlyReadHoldsBackOlderEntriesOfOthers() {
        FeedEntry newA = new FeedEntry("a", "2026-11-28T12:00:00Z#x", "x", "oslo", Set.of(), null);
        FeedEntry oldB = new FeedEntry("b", "2026-11-28T08:00:00Z#y", "y", "oslo", Set.of(), null);
        // District a stopped reading at 11:00 without being exhausted: it may still hold entries between 11:00 and 08:00.
        FeedService.Merged merged = FeedService.merge(List.of(
                new FeedReader.Slice(List.of(newA), false, "2026-11-28T11:00:00Z#z"),
                new FeedReader.Slice(List.of(oldB), true, oldB.feedKey())), 10);

        assertThat(merged.entries()).containsExactly(newA);
        assertThat(merged.nextKey()).isEqualTo("2026-11-28T11:00:00Z#z");
    }
}
