package no.nabolag.local.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The form over HTTP: what it offers, what it accepts, what it refuses, and the receipt. */
class PostFormIT {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private final PublisherClient client = new PublisherClient();

    @Test
    void formNamesTheOrganisationAndOffersOnlyItsOwnDistrictsAndCategories() {
        String name = PublisherClient.unique("Sagene bibliotek");
        String url = client.linkUrl(client.unit(name));

        HttpResponse<String> nb = client.get(url);
        HttpResponse<String> en = client.get(url + "?lang=en");
        HttpResponse<String> accept = client.get(url, "accept-language", "en-GB,en;q=0.8");

        assertThat(nb.statusCode()).isEqualTo(200);
        assertThat(nb.body()).contains("<html lang=\"nb\">", name, "<legend>Bydeler</legend>", "Sagene", "Grünerløkka",
                        "Kultur og arrangementer", "Ungdom", "name=\"urgent\"", "type=\"datetime-local\"")
                .doesNotContain("Grorud").doesNotContain("Frogner").doesNotContain("Seniorer");
        assertThat(en.body()).contains("<html lang=\"en\">", "<legend>Districts</legend>", "Culture and events");
        assertThat(accept.body()).contains("<html lang=\"en\">");
    }

    @Test
    void externalOrganisationsAreNotOfferedUrgent() {
        String url = client.linkUrl(client.external(PublisherClient.unique("Sagene IF"), false));

        String html = client.get(url).body();

        assertThat(html).doesNotContain("name=\"urgent\"").contains("kommunikasjonsteam");
    }

    @Test
    void unitPostIsStoredAndPublishedBeforeTheReceipt() {
        String url = client.linkUrl(client.unit(PublisherClient.unique("Sagene bydel")));
        var fields = PublisherClient.validPost(client.csrf(url), "Vannavstengning i Sagene", "sagene", "culture-events");
        fields.put("district", List.of("sagene", "grunerlokka"));
        fields.put("url", List.of("https://oslo.kommune.no/sagene"));
        fields.put("urgent", List.of("on"));
        fields.put("titleEn", List.of("Water shut-off"));
        fields.put("bodyEn", List.of("Water is off on Tuesday."));

        HttpResponse<String> response = client.postForm(url, fields);

        assertThat(response.statusCode()).isEqualTo(303);
        String receiptUrl = response.headers().firstValue("location").orElseThrow();
        assertThat(receiptUrl).startsWith(url + "/receipts/");
        JsonNode post = client.post(PublisherClient.postIdOf(receiptUrl));
        assertThat(post.get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(post.get("districtIds")).hasSize(2);
        assertThat(post.get("urgent").asBoolean()).isTrue();
        assertThat(post.get("titleEn").asText()).isEqualTo("Water shut-off");
        assertThat(post.get("history").get(0).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(post.get("history").get(1).get("status").asText()).isEqualTo("PUBLISHED");
        HttpResponse<String> receipt = client.get(receiptUrl);
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.body()).contains("Vannavstengning i Sagene", "Publisert", "Sagene, Grünerløkka",
                "<br>", "<a href=\"https://oslo.kommune.no/sagene\"", "Water shut-off");
    }

    @Test
    void futurePublishTimeIsScheduled() {
        String url = client.linkUrl(client.unit(PublisherClient.unique("Sagene bydel")));
        LocalDateTime at = LocalDateTime.now(ZoneId.of("Europe/Oslo")).plusDays(3).truncatedTo(ChronoUnit.MINUTES);
        var fields = PublisherClient.validPost(client.csrf(url), "Julekonsert", "sagene", "culture-events");
        fields.put("publishAt", List.of(LOCAL.format(at)));
        fields.put("expiresAt", List.of(LOCAL.format(at.plusDays(1))));

        String postId = client.submit(url, fields);

        JsonNode post = client.post(postId);
        assertThat(post.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(post.get("publishAt").asText()).isEqualTo(at.atZone(ZoneId.of("Europe/Oslo")).toInstant().toString());
        assertThat(client.get(url + "/receipts/" + postId).body()).contains("Planlagt publisert");
    }

    @Test
    void untrustedExternalPostAwaitsApprovalAndTrustedOneIsPublished() {
        String untrusted = client.linkUrl(client.external(PublisherClient.unique("Sagene IF"), false));
        String trusted = client.linkUrl(client.external(PublisherClient.unique("Sagene Sanitet"), true));
        var fields = PublisherClient.validPost(client.csrf(untrusted), "Dugnad", "sagene", "sports-outdoors");
        fields.put("urgent", List.of("on")); // not offered to external organisations: ignored

        String pending = client.submit(untrusted, fields);
        String published = client.submit(trusted,
                PublisherClient.validPost(client.csrf(trusted), "Loppemarked", "sagene", "sports-outdoors"));

        assertThat(client.post(pending).get("status").asText()).isEqualTo("PENDING");
        assertThat(client.post(pending).get("urgent").asBoolean()).isFalse();
        assertThat(client.get(untrusted + "/receipts/" + pending + "?lang=en").body()).contains("Awaiting approval");
        assertThat(client.post(published).get("status").asText()).isEqualTo("PUBLISHED");
    }

    @Test
    void wrongInputIsShownAgainWithEveryValueKeptAndAMessageBesideEachField() {
        String url = client.linkUrl(client.unit(PublisherClient.unique("Sagene bydel")));
        var fields = PublisherClient.validPost(client.csrf(url), "x".repeat(121), "grorud", "emergency");
        fields.put("body", List.of("Teksten min\nmed to linjer"));
        fields.put("url", List.of("http://oslo.kommune.no"));
        fields.put("publishAt", List.of("2020-01-01T10:00"));
        fields.put("expiresAt", List.of("i morgen"));
        fields.put("titleEn", List.of("Only a title"));

        HttpResponse<String> response = client.postForm(url, fields);

        assertThat(response.statusCode()).isEqualTo(400);
        String html = response.body();
        assertThat(html).contains("Skjemaet har feil", "href=\"#title\"", "href=\"#district-",
                "Tittelen kan ha høyst 120 tegn.", "Velg bare blant bydelene som er vist.",
                "Velg bare blant kategoriene som er vist.", "Lenken må være en fullstendig adresse",
                "Tidspunktet for publisering har allerede passert.", "Skriv dato og klokkeslett",
                "Skriv en engelsk tekst", "aria-invalid=\"true\"", "aria-describedby=\"title-hint title-error\"",
                "value=\"" + "x".repeat(121) + "\"", ">Teksten min&#10;med to linjer</textarea>", // a character reference: the textarea shows the line break
                "value=\"http://oslo.kommune.no\"", "value=\"Only a title\"");
        var csrf = PublisherClient.CSRF.matcher(html);
        assertThat(csrf.find()).isTrue();
        assertThat(csrf.group(1)).isNotEqualTo(fields.get("csrf").get(0));
    }

    @Test
    void emptyFormNamesEveryRequiredField() {
        String url = client.linkUrl(client.unit(PublisherClient.unique("Sagene bydel")));

        HttpResponse<String> response = client.postForm(url, Map.of("csrf", List.of(client.csrf(url))));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Skriv en tittel.", "Skriv en tekst.", "Velg minst én bydel.",
                "Velg minst én kategori.");
    }

    @Test
    void expiryBeforePublishTimeIsRefused() {
        String url = client.linkUrl(client.unit(PublisherClient.unique("Sagene bydel")));
        LocalDateTime at = LocalDateTime.now(ZoneId.of("Europe/Oslo")).plusDays(2).truncatedTo(ChronoUnit.MINUTES);
        var fields = PublisherClient.validPost(client.csrf(url), "Tittel", "sagene", "youth");
        fields.put("publishAt", List.of(LOCAL.format(at)));
        fields.put("expiresAt", List.of(LOCAL.format(at.minusHours(1))));

        HttpResponse<String> response = client.postForm(url, fields);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Tidspunktet for fjerning må være etter tidspunktet for publisering.");
    }

    @Test
    void scriptInATitleIsShownAsTextOnTheReceiptAndAsDataInTheAdminApi() {
        String title = "<script>alert(1)</script>";
        String url = client.linkUrl(client.external(PublisherClient.unique("Sagene IF"), false));
        var fields = PublisherClient.validPost(client.csrf(url), title, "sagene", "sports-outdoors");
        fields.put("body", List.of("<img src=x onerror=alert(1)> & \"quotes\"\nhttps://x.example/\"><script>"));

        String postId = client.submit(url, fields);

        String receipt = client.get(url + "/receipts/" + postId).body();
        assertThat(receipt).doesNotContain("<script>").doesNotContain("<img")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;");
        HttpResponse<String> admin = client.admin("GET", "/admin/v1/tenants/oslo/posts/" + postId, null);
        assertThat(admin.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(admin.headers().firstValue("x-content-type-options")).contains("nosniff");
        assertThat(client.json(admin).get("title").asText()).isEqualTo(title);
        JsonNode queue = client.json(client.admin("GET", "/admin/v1/tenants/oslo/posts?status=PENDING&limit=500", null));
        boolean listed = false;
        for (JsonNode p : queue) {
            listed |= p.get("postId").asText().equals(postId) && p.get("title").asText().equals(title);
        }
        assertThat(listed).isTrue();
    }

    @Test
    void sendingTheSameFormTwiceMakesOnePost() {
        String url = client.linkUrl(client.unit(PublisherClient.unique("Sagene bydel")));
        var fields = PublisherClient.validPost(client.csrf(url), "Dobbeltklikk", "sagene", "youth");

        String first = client.submit(url, fields);
        HttpResponse<String> again = client.postForm(url, fields);

        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(again.headers().firstValue("location")).contains(url + "/receipts/" + first);
    }

    @Test
    void anEditedResendOfAUsedFormIsRefusedWithTheSentVersionAndTheEditsKept() {
        // Arrange: a post sent, then Back, the text changed and the same form sent again
        String org = client.unit(PublisherClient.unique("Sagene bydel"));
        String url = client.linkUrl(org);
        var fields = PublisherClient.validPost(client.csrf(url), "Vannavstengning <i>tirsdag</i>", "sagene", "youth");
        fields.put("body", List.of("Vannet stenges <b>kl. 10</b>."));
        String first = client.submit(url, fields);
        var edited = new java.util.LinkedHashMap<>(fields);
        edited.put("body", List.of("Vannet stenges kl. 12 & ikke kl. 10."));

        // Act
        HttpResponse<String> refused = client.postForm(url, edited);

        // Assert: nothing new was stored, the page says so, shows what was sent, and keeps the edit in a new form
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("Dette skjemaet er allerede sendt", "Den første versjonen er sendt",
                        "Vannavstengning &lt;i&gt;tirsdag&lt;/i&gt;", "Vannet stenges &lt;b&gt;kl. 10&lt;/b&gt;.",
                        "/receipts/" + first, ">Vannet stenges kl. 12 &amp; ikke kl. 10.</textarea>")
                .doesNotContain("<b>kl. 10</b>").doesNotContain("<i>tirsdag</i>");
        assertThat(refused.headers().firstValue("content-security-policy")).isPresent();
        assertThat(client.post(first).get("body").asText()).isEqualTo("Vannet stenges <b>kl. 10</b>.");
        var csrf = PublisherClient.CSRF.matcher(refused.body());
        assertThat(csrf.find()).isTrue();
        String newToken = csrf.group(1);
        assertThat(newToken).isNotEqualTo(fields.get("csrf").get(0));

        // and the kept edit, sent with the new form, is a new post
        edited.put("csrf", List.of(newToken));
        String second = client.submit(url, edited);
        assertThat(second).isNotEqualTo(first);
        assertThat(client.post(second).get("body").asText()).isEqualTo("Vannet stenges kl. 12 & ikke kl. 10.");
    }

    @Test
    void receiptOnlyShowsTheLinksOwnPosts() {
        String url = client.linkUrl(client.unit(PublisherClient.unique("Sagene bydel")));
        String otherUrl = client.linkUrl(client.unit(PublisherClient.unique("Frogner bydel")));
        String postId = client.submit(url, PublisherClient.validPost(client.csrf(url), "Min", "sagene", "youth"));

        assertThat(client.get(otherUrl + "/receipts/" + postId).statusCode()).isEqualTo(404);
        assertThat(client.get(url + "/receipts/" + postId).statusCode()).isEqualTo(200);
    }
}
