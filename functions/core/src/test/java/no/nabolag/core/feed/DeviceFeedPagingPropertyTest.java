package no.nabolag.core.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import no.nabolag.core.security.SigningKeys;
import no.nabolag.core.time.SortableTime;

/**
 * Paging a device's feed, for random worlds: random posts over random districts, categories and times (some
 * withdrawn, expired or not yet due), a device following random districts with random category choices, random page
 * sizes, and a feed store that examines a random, small number of items per read (as DynamoDB's page limits make the
 * real one stop early). Walking the pages from the first to the last, with the cursor the API hands out, must give
 * every visible post the device follows exactly once, newest first: nothing skipped, repeated or out of order.
 */
class DeviceFeedPagingPropertyTest {
    private static final Instant NOW = Instant.parse("2026-11-28T20:00:00Z");
    private static final List<String> DISTRICTS = List.of("frogner", "sagene", "grunerlokka", "alna", "nordstrand");
    private static final List<String> CATEGORIES = List.of("roads-water", "schools", "culture", "emergency");
    private static final String SCOPE = "device:" + "0".repeat(32);

    /** A generated post: where and what, when relative to now (minutes), and whether it is still up. */
    record PostSpec(Set<String> districts, Set<String> categories, int publishedMinutes, boolean withdrawn,
                    Optional<Integer> expiresMinutes) {
    }

    @Property(tries = 200)
    void pagingADeviceFeedSkipsNothingRepeatsNothingAndKeepsTheOrder(
            @ForAll("posts") List<PostSpec> specs,
            @ForAll("follows") Map<String, Set<String>> follows,
            @ForAll @IntRange(min = 1, max = 12) int pageSize,
            @ForAll @IntRange(min = 1, max = 20) int itemsPerRead) {
        // Arrange
        World world = new World(specs, itemsPerRead);
        FeedService feeds = new FeedService(world, world, Clock.fixed(NOW, ZoneOffset.UTC));
        FeedCursor cursors = new FeedCursor(SigningKeys.parse("{\"currentKeyId\":\"k1\",\"k1\":\"property-secret\"}"));
        List<FeedQuery> queries = follows.entrySet().stream()
                .map(f -> new FeedQuery(f.getKey(), f.getValue().isEmpty() ? null : f.getValue())).toList();

        // Act: walk the pages as an app does, with the opaque cursor of each page
        List<String> walked = new ArrayList<>();
        List<String> nextKeys = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String before = cursor == null ? null : cursors.decode(SCOPE, cursor);
            FeedPage page = feeds.page(queries, before, pageSize);
            assertThat(page.posts()).as("a page holds at most its size").hasSizeLessThanOrEqualTo(pageSize);
            page.posts().forEach(p -> walked.add(p.postId()));
            if (page.nextKey() != null) {
                nextKeys.add(page.nextKey());
            }
            cursor = page.nextKey() == null ? null : cursors.encode(SCOPE, page.nextKey());
            assertThat(++pages).as("paging ends").isLessThanOrEqualTo(specs.size() * DISTRICTS.size() + 2);
        } while (cursor != null);

        // Assert
        assertThat(walked).as("every visible post the device follows, once, newest first")
                .containsExactlyElementsOf(world.expected(follows));
        assertThat(nextKeys).as("each page moves on to older keys").isSortedAccordingTo(Comparator.reverseOrder())
                .doesNotHaveDuplicates();
    }

    @Provide
    Arbitrary<List<PostSpec>> posts() {
        Arbitrary<PostSpec> post = Combinators.combine(
                Arbitraries.of(DISTRICTS).set().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of(CATEGORIES).set().ofMinSize(1).ofMaxSize(2),
                // Mostly the past; a few not yet due. Few distinct minutes, so many posts share a time.
                Arbitraries.integers().between(-40, 5),
                Arbitraries.integers().between(0, 9).map(n -> n == 0),
                Arbitraries.integers().between(-30, 600).optional())
                .as(PostSpec::new);
        return post.list().ofMaxSize(40);
    }

    /** District -> categories followed there (empty: every category). */
    @Provide
    Arbitrary<Map<String, Set<String>>> follows() {
        return Arbitraries.maps(Arbitraries.of(DISTRICTS), Arbitraries.of(CATEGORIES).set().ofMaxSize(2))
                .ofMinSize(1).ofMaxSize(DISTRICTS.size());
    }

    /**
     * The generated posts, as FeedTable entries (one per district) and PostsTable items, behind the two ports
     * FeedService reads. The feed reader keeps DynamoDbFeedReader's contract (see {@link FeedReader.Slice}): newest
     * first, before the key given, categories and visibility filtered, and at most {@code itemsPerRead} entries
     * examined, so a read may end early with fewer matches and a key to go on from.
     */
    static final class World implements FeedReader, PostReader {
        private final Map<String, List<FeedEntry>> byDistrict = new HashMap<>();
        private final Map<String, FeedPost> posts = new LinkedHashMap<>();
        private final int itemsPerRead;

        World(List<PostSpec> specs, int itemsPerRead) {
            this.itemsPerRead = itemsPerRead;
            for (int i = 0; i < specs.size(); i++) {
                PostSpec spec = specs.get(i);
                String postId = String.format("p%03d", i);
                String publishedAt = SortableTime.format(NOW.plus(Duration.ofMinutes(spec.publishedMinutes())));
                String expiresAt = spec.expiresMinutes()
                        .map(m -> SortableTime.format(NOW.plus(Duration.ofMinutes(m)))).orElse(null);
                String publishAt = spec.publishedMinutes() > 0 ? publishedAt : null;
                posts.put(postId, new FeedPost(postId, "oslo", "Bydel", List.copyOf(spec.districts()),
                        List.copyOf(spec.categories()), "T", "B", null, null, null, false,
                        spec.withdrawn() ? "WITHDRAWN" : "PUBLISHED", publishAt, publishedAt, expiresAt));
                for (String district : spec.districts()) {
                    byDistrict.computeIfAbsent(district, d -> new ArrayList<>()).add(new FeedEntry(district,
                            publishedAt + "#" + postId, postId, "oslo", spec.categories(), expiresAt));
                }
            }
            byDistrict.values().forEach(entries -> entries.sort(Comparator.comparing(FeedEntry::feedKey).reversed()));
        }

        @Override
        public Slice read(String districtId, String beforeKey, Set<String> categories, int limit, Instant now) {
            List<FeedEntry> older = byDistrict.getOrDefault(districtId, List.of()).stream()
                    .filter(e -> beforeKey == null || e.feedKey().compareTo(beforeKey) < 0).toList();
            List<FeedEntry> found = new ArrayList<>();
            String readUpTo = beforeKey;
            for (int i = 0; i < older.size() && i < itemsPerRead; i++) {
                FeedEntry entry = older.get(i);
                readUpTo = entry.feedKey();
                if (entry.visibleAt(now) && entry.inAnyOf(categories)) {
                    found.add(entry);
                    if (found.size() == limit) {
                        return new Slice(found, i == older.size() - 1, readUpTo);
                    }
                }
            }
            return new Slice(found, older.size() <= itemsPerRead, readUpTo);
        }

        @Override
        public Optional<FeedPost> find(String postId) {
            return Optional.ofNullable(posts.get(postId));
        }

        @Override
        public Map<String, FeedPost> findAll(Collection<String> postIds) {
            Map<String, FeedPost> found = new HashMap<>();
            postIds.forEach(id -> find(id).ifPresent(p -> found.put(id, p)));
            return found;
        }

        /** What the device should see, worked out directly: followed, visible, newest first. */
        List<String> expected(Map<String, Set<String>> follows) {
            return posts.values().stream()
                    .filter(p -> p.visibleAt(NOW) && !Instant.parse(p.publishedAt()).isAfter(NOW))
                    .filter(p -> follows.entrySet().stream().anyMatch(f -> p.districtIds().contains(f.getKey())
                            && (f.getValue().isEmpty() || p.categoryIds().stream().anyMatch(f.getValue()::contains))))
                    .sorted(Comparator.comparing((FeedPost p) -> p.publishedAt() + "#" + p.postId()).reversed())
                    .map(FeedPost::postId)
                    .toList();
        }
    }
}
