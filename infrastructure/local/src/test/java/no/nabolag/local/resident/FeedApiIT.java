package no.nabolag.local.resident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostStatus;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class FeedApiIT {
    private final LocalStack stack = LocalStack.shared();
    private final ResidentHttp http = new ResidentHttp(stack.baseUrl());
    private final TestCatalog catalog = TestCatalog.shared(stack);
    private final TestPosts posts = new TestPosts(stack);
    private final Instant base = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

    private Instant at(int minutes) {
        return base.plus(Duration.ofMinutes(minutes));
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("postId").asText()));
        return ids;
    }

    private ResidentHttp.Device deviceFollowing(String locale, String choicesJson) {
        ResidentHttp.Device device = http.register("android", locale);
        var reply = http.subscribe(device, "{\"subscriptions\":" + choicesJson + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return device;
    }

    @Test
    void aDevicesFeedMergesItsDistrictsNewestFirstWithEachPostOnce() {
        // Arrange
        String a = catalog.freshDistrict();
        String b = catalog.freshDistrict();
        String t = catalog.tenantId;
        String p1 = posts.published(t, List.of(a), List.of("news"), "A1", at(1));
        String p2 = posts.published(t, List.of(a, b), List.of("news", "sports"), "AB2", at(2));
        String p3 = posts.published(t, List.of(b), List.of("sports"), "B3", at(3));
        posts.published(t, List.of(b), List.of("culture"), "B4 other category", at(4));
        posts.published(t, List.of(catalog.freshDistrict()), List.of("news"), "elsewhere", at(5));
        ResidentHttp.Device device = deviceFollowing("nb", "[{\"districtId\":\"" + a + "\",\"categories\":[\"news\"]},"
                + "{\"districtId\":\"" + b + "\",\"categories\":[\"sports\"]}]");

        // Act
        var reply = http.get("/v1/devices/" + device.deviceId() + "/feed", device.bearer());

        // Assert
        assertThat(reply.status()).isEqualTo(200);
        assertThat(ids(reply.json())).containsExactly(p3, p2, p1);
        assertThat(reply.json().get("nextCursor").isNull()).isTrue();
        JsonNode item = reply.json().get("items").get(1);
        assertThat(item.get("title").asText()).isEqualTo("AB2");
        assertThat(item.get("body").asText()).isEqualTo("Tekst for AB2");
        assertThat(item.get("organizationName").asText()).isEqualTo("Velforeningen");
        assertThat(item.get("districtIds")).hasSize(2);
        assertThat(item.get("language").asText()).isEqualTo("nb");
    }

    @Test
    void onlyPublishedUnexpiredPostsThatAreDueAppear() {
        String d = catalog.freshDistrict();
        String t = catalog.tenantId;
        String live = posts.published(t, List.of(d), List.of("news"), "live", at(1));
        posts.store(TestPosts.post(t, List.of(d), List.of("news"), "expired", at(2), PostStatus.PUBLISHED,
                Instant.now().minusSeconds(60), null));
        posts.store(TestPosts.post(t, List.of(d), List.of("news"), "future", Instant.now().plus(Duration.ofHours(3)),
                PostStatus.PUBLISHED, null, null));
        posts.store(TestPosts.post(t, List.of(d), List.of("news"), "pending", at(3), PostStatus.PENDING, null, null));
        // A feed entry whose post was withdrawn a moment ago: the post has the last word.
        posts.store(TestPosts.post(t, List.of(d), List.of("news"), "withdrawn", at(4), PostStatus.WITHDRAWN, null, null));
        String expiresLater = posts.store(TestPosts.post(t, List.of(d), List.of("news"), "later", at(5),
                PostStatus.PUBLISHED, Instant.now().plus(Duration.ofDays(1)), null));
        ResidentHttp.Device device = deviceFollowing("nb", "[{\"districtId\":\"" + d + "\",\"categories\":[\"news\"]}]");

        var feed = http.get("/v1/devices/" + device.deviceId() + "/feed", device.bearer()).json();
        var district = http.get("/v1/districts/" + d + "/feed").json();

        assertThat(ids(feed)).containsExactly(expiresLater, live);
        assertThat(ids(district)).containsExactly(expiresLater, live);
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        String a = catalog.freshDistrict();
        String b = catalog.freshDistrict();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            List<String> districts = i % 3 == 0 ? List.of(a, b) : List.of(i % 2 == 0 ? a : b);
            expected.add(0, posts.published(catalog.tenantId, districts, List.of("news"), "P" + i, at(i)));
        }
        ResidentHttp.Device device = deviceFollowing("nb", "[{\"districtId\":\"" + a + "\",\"categories\":[\"news\"]},"
                + "{\"districtId\":\"" + b + "\",\"categories\":[\"news\"]}]");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String query = "?limit=3" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = http.get("/v1/devices/" + device.deviceId() + "/feed" + query, device.bearer()).json();
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void tamperedOrForeignCursorsAreRefused() {
        String d = catalog.freshDistrict();
        for (int i = 0; i < 3; i++) {
            posts.published(catalog.tenantId, List.of(d), List.of("news"), "C" + i, at(i));
        }
        String cursor = http.get("/v1/districts/" + d + "/feed?limit=1").json().get("nextCursor").asText();
        String tampered = (cursor.charAt(0) == 'A' ? 'B' : 'A') + cursor.substring(1);
        ResidentHttp.Device device = deviceFollowing("nb", "[{\"districtId\":\"" + d + "\",\"categories\":[\"news\"]}]");

        var badPublic = http.get("/v1/districts/" + d + "/feed?limit=1&cursor=" + tampered);
        var foreign = http.get("/v1/devices/" + device.deviceId() + "/feed?cursor=" + cursor, device.bearer());
        var good = http.get("/v1/districts/" + d + "/feed?limit=1&cursor=" + cursor);

        assertThat(badPublic.status()).isEqualTo(400);
        assertThat(badPublic.contentType()).startsWith("application/problem+json");
        assertThat(badPublic.json().get("errors").get(0).get("field").asText()).isEqualTo("cursor");
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(good.status()).isEqualTo(200);
        assertThat(ids(good.json())).hasSize(1);
    }

    @Test
    void theDistrictFeedFiltersCategoriesAndServesEnglishWhenAsked() {
        String d = catalog.freshDistrict();
        String t = catalog.tenantId;
        String news = posts.store(TestPosts.post(t, List.of(d), List.of("news"), "Nyhet", at(1), PostStatus.PUBLISHED,
                null, "News"));
        String sports = posts.published(t, List.of(d), List.of("sports"), "Idrett", at(2));
        posts.published(t, List.of(d), List.of("culture"), "Kultur", at(3));

        var filtered = http.get("/v1/districts/" + d + "/feed?categories=news,sports&lang=en");

        assertThat(filtered.status()).isEqualTo(200);
        assertThat(filtered.header("cache-control")).contains("max-age=");
        assertThat(ids(filtered.json())).containsExactly(sports, news);
        assertThat(filtered.json().get("items").get(1).get("title").asText()).isEqualTo("News");
        assertThat(filtered.json().get("items").get(1).get("language").asText()).isEqualTo("en");
        assertThat(filtered.json().get("items").get(0).get("title").asText()).isEqualTo("Idrett");
    }

    @Test
    void publicPagesAreCachedPerContainerBriefly() {
        String d = catalog.freshDistrict();
        String first = posts.published(catalog.tenantId, List.of(d), List.of("news"), "first", at(1));
        var before = http.get("/v1/districts/" + d + "/feed?limit=5");
        String second = posts.published(catalog.tenantId, List.of(d), List.of("news"), "second", at(2));

        var cached = http.get("/v1/districts/" + d + "/feed?limit=5");
        var otherPage = http.get("/v1/districts/" + d + "/feed?limit=6");

        assertThat(ids(before.json())).containsExactly(first);
        assertThat(cached.body()).isEqualTo(before.body());
        assertThat(ids(otherPage.json())).containsExactly(second, first);
    }

    @Test
    void unknownDistrictsCategoriesAndLimitsAreRefused() {
        String d = catalog.freshDistrict();

        assertThat(http.get("/v1/districts/atlantis/feed").status()).isEqualTo(404);
        assertThat(http.get("/v1/districts/" + catalog.tenantId + "-retired/feed").status()).isEqualTo(404);
        var category = http.get("/v1/districts/" + d + "/feed?categories=news,unicorns");
        assertThat(category.status()).isEqualTo(400);
        assertThat(category.json().get("errors").get(0).get("message").asText()).contains("unicorns");
        for (String limit : new String[] {"0", "51", "ten", "-1"}) {
            var reply = http.get("/v1/districts/" + d + "/feed?limit=" + limit);
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("limit");
        }
    }

    @Test
    void theAtomFeedIsWellFormedAtomWithEscapedText() throws Exception {
        String d = catalog.freshDistrict();
        String id = posts.published(catalog.tenantId, List.of(d), List.of("news"), "<b>Vann & avløp</b>", at(1));

        var reply = http.get("/v1/districts/" + d + "/feed.atom?categories=news");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/atom+xml");
        assertThat(reply.body()).contains("&lt;b&gt;Vann &amp; avløp&lt;/b&gt;");
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element feed = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(reply.body().getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        assertThat(feed.getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(feed.getElementsByTagNameNS("*", "title").item(0).getTextContent()).contains("Bydel");
        Element entry = (Element) feed.getElementsByTagNameNS("*", "entry").item(0);
        assertThat(entry.getElementsByTagNameNS("*", "id").item(0).getTextContent()).isEqualTo("urn:nabolag:post:" + id);
        assertThat(entry.getElementsByTagNameNS("*", "title").item(0).getTextContent()).isEqualTo("<b>Vann & avløp</b>");
        // An RFC 3339 time; stored times are written with milliseconds ("…:02.000Z"), so compare the instant.
        assertThat(Instant.parse(entry.getElementsByTagNameNS("*", "updated").item(0).getTextContent())).isEqualTo(at(1));
        assertThat(entry.getElementsByTagNameNS("*", "author").getLength()).isEqualTo(1);
    }

    @Test
    void theAtomFeedLabelsEntriesWithTheLanguageServedLinksOnlyToRealPagesAndNamesItsOwnUrl() throws Exception {
        // Arrange: a translated post with a web page, and an untranslated one without
        String d = catalog.freshDistrict();
        String translated = posts.store(TestPosts.post(catalog.tenantId, List.of(d), List.of("news"), "Stengt vei",
                at(2), PostStatus.PUBLISHED, null, "Road closed"));
        Post p = TestPosts.post(catalog.tenantId, List.of(d), List.of("news"), "Konsert", at(1), PostStatus.PUBLISHED,
                null, null);
        String untranslated = posts.store(new Post(p.postId(), p.tenantId(), p.organizationId(), p.organizationName(),
                p.districtIds(), p.categoryIds(), p.title(), p.body(), null, null, null, false, null, null,
                p.createdAt(), p.publishedAt(), p.status(), p.statusAt(), null, List.of(), null));

        // Act
        var reply = http.get("/v1/districts/" + d + "/feed.atom?lang=en&categories=news");

        // Assert
        assertThat(reply.status()).isEqualTo(200);
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element feed = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(reply.body().getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        assertThat(feed.getAttribute("xml:lang")).isEqualTo("en");
        Element self = (Element) feed.getElementsByTagNameNS("*", "link").item(0);
        assertThat(self.getAttribute("rel")).isEqualTo("self");
        assertThat(self.getAttribute("href"))
                .isEqualTo(stack.baseUrl() + "/v1/districts/" + d + "/feed.atom?categories=news&lang=en");
        Element first = (Element) feed.getElementsByTagNameNS("*", "entry").item(0);
        Element second = (Element) feed.getElementsByTagNameNS("*", "entry").item(1);
        assertThat(first.getElementsByTagNameNS("*", "id").item(0).getTextContent()).endsWith(translated);
        assertThat(first.getAttribute("xml:lang")).isEqualTo("en");
        assertThat(first.getElementsByTagNameNS("*", "title").item(0).getTextContent()).isEqualTo("Road closed");
        assertThat(rels(first)).containsExactly("alternate", "related");
        assertThat(second.getElementsByTagNameNS("*", "id").item(0).getTextContent()).endsWith(untranslated);
        assertThat(second.getAttribute("xml:lang")).isEqualTo("nb");
        assertThat(second.getElementsByTagNameNS("*", "title").item(0).getTextContent()).isEqualTo("Konsert");
        assertThat(rels(second)).containsExactly("related");
    }

    private static List<String> rels(Element entry) {
        var links = entry.getElementsByTagNameNS("*", "link");
        List<String> rels = new ArrayList<>();
        for (int i = 0; i < links.getLength(); i++) {
            rels.add(((Element) links.item(i)).getAttribute("rel"));
        }
        return rels;
    }

    @Test
    void aPublishedPostIsServedInFullAndInEnglishWhenOneExists() {
        String d = catalog.freshDistrict();
        String id = posts.store(TestPosts.post(catalog.tenantId, List.of(d), List.of("news"), "Stengt vei", at(1),
                PostStatus.PUBLISHED, null, "Road closed"));

        var nb = http.get("/v1/posts/" + id);
        var en = http.get("/v1/posts/" + id + "?lang=en");

        assertThat(nb.status()).isEqualTo(200);
        assertThat(nb.json().get("title").asText()).isEqualTo("Stengt vei");
        assertThat(nb.json().get("url").asText()).startsWith("https://example.org/");
        assertThat(en.json().get("title").asText()).isEqualTo("Road closed");
        assertThat(en.json().get("body").asText()).isEqualTo("Text for Road closed");
    }

    @Test
    void unpublishedExpiredAndUnknownPostsAreNotFound() {
        String d = catalog.freshDistrict();
        String t = catalog.tenantId;
        String pending = posts.store(TestPosts.post(t, List.of(d), List.of("news"), "p", at(1), PostStatus.PENDING, null, null));
        String withdrawn = posts.store(TestPosts.post(t, List.of(d), List.of("news"), "w", at(1), PostStatus.WITHDRAWN,
                null, null));
        String expired = posts.store(TestPosts.post(t, List.of(d), List.of("news"), "e", at(1), PostStatus.PUBLISHED,
                Instant.now().minusSeconds(1), null));

        for (String id : new String[] {pending, withdrawn, expired, "nope", "x".repeat(300)}) {
            var reply = http.get("/v1/posts/" + id);
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void aRareCategoryDeepInABusyDistrictStillArrivesPageByPage() {
        // Arrange: one old "news" post under 40 newer "sports" posts; a read per request is bounded, so the feed
        // may answer a page with no items but a cursor, and the next page continues where it stopped.
        String d = catalog.freshDistrict();
        String rare = posts.published(catalog.tenantId, List.of(d), List.of("news"), "rare", at(0));
        for (int i = 1; i <= 40; i++) {
            posts.published(catalog.tenantId, List.of(d), List.of("sports"), "S" + i, at(i));
        }
        ResidentHttp.Device device = deviceFollowing("nb", "[{\"districtId\":\"" + d + "\",\"categories\":[\"news\"]}]");

        // Act
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String query = "?limit=1" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = http.get("/v1/devices/" + device.deviceId() + "/feed" + query, device.bearer()).json();
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 20);

        // Assert
        assertThat(seen).containsExactly(rare);
        assertThat(pages).isBetween(2, 20);
    }
}
