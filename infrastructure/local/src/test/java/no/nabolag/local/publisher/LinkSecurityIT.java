package no.nabolag.local.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nabolag.aws.organization.DynamoDbOrganizationStore;
import no.nabolag.aws.security.SecretsManagerSigningSecret;
import no.nabolag.core.organization.LinkTokens;
import no.nabolag.core.organization.PublisherLink;
import no.nabolag.core.security.SigningKeys;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Signed links, their failures, the CSRF token and the headers of every page. */
class LinkSecurityIT {
    private final PublisherClient client = new PublisherClient();

    @Test
    void everyPageCarriesTheSecurityHeaders() {
        String url = client.linkUrl(client.unit(PublisherClient.unique("Sagene bydel")));
        String csrf = client.csrf(url);
        List<HttpResponse<String>> pages = List.of(
                client.get(url),
                client.get(url + "x"),
                client.postForm(url, Map.of("csrf", List.of(csrf))),
                client.postForm(url, Map.of("csrf", List.of("forged"))),
                client.get(url + "/receipts/nosuchpost"));

        for (HttpResponse<String> page : pages) {
            assertThat(page.headers().firstValue("content-type")).as(page.uri() + " " + page.statusCode())
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(page.headers().firstValue("referrer-policy")).contains("no-referrer");
            assertThat(page.headers().firstValue("content-security-policy")).contains(
                    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
            assertThat(page.headers().firstValue("x-content-type-options")).contains("nosniff");
            assertThat(page.headers().firstValue("cache-control")).contains("no-store");
            assertThat(page.body()).doesNotContain("<script").doesNotContain("style=");
        }
        assertThat(pages.get(0).statusCode()).isEqualTo(200);
        HttpResponse<String> css = client.get(client.stack.baseUrl() + "/p/assets/form.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/css"));
    }

    @Test
    void tamperedOrMadeUpLinksGetA403Page() {
        String url = client.linkUrl(client.unit(PublisherClient.unique("Sagene bydel")));
        String token = url.substring(url.lastIndexOf('/') + 1);
        int dot = token.indexOf('.');
        String otherSignature = token.substring(0, dot + 1) + "A".repeat(token.length() - dot - 1);
        String base = url.substring(0, url.lastIndexOf('/') + 1);

        for (String bad : List.of(base + otherSignature, base + "x" + token.substring(1), base + "garbage",
                base + token.substring(0, dot))) {
            HttpResponse<String> page = client.get(bad);
            assertThat(page.statusCode()).as(bad).isEqualTo(403);
            assertThat(page.body()).contains("Lenken virker ikke");
            assertThat(client.postForm(bad, Map.of("title", List.of("x"))).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void linkSignedWithAnotherKeyIsRejected() {
        String org = client.unit(PublisherClient.unique("Sagene bydel"));
        Instant expiry = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String linkId = UUID.randomUUID().toString().replace("-", "");
        organizations().createLink(new PublisherLink(linkId, org, "k1", expiry, Instant.now(), null));
        SigningKeys foreign = SigningKeys.parse("{\"currentKeyId\":\"k1\",\"k1\":\"an-attackers-guess-at-the-key\"}");

        HttpResponse<String> page = client.get(client.stack.baseUrl() + "/p/" + new LinkTokens(foreign).sign(linkId, org, expiry));

        assertThat(page.statusCode()).isEqualTo(403);
    }

    @Test
    void expiredLinkSaysSoAndWhomToAsk() {
        // Arrange: a genuine link (signed with the stack's key) whose expiry has passed
        String name = PublisherClient.unique("Grünerløkka idrettslag");
        String org = client.external(name, false);
        Instant expiry = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String linkId = UUID.randomUUID().toString().replace("-", "");
        organizations().createLink(new PublisherLink(linkId, org, "k1", expiry, expiry.minus(30, ChronoUnit.DAYS), null));
        String url = client.stack.baseUrl() + "/p/" + new LinkTokens(keys()).sign(linkId, org, expiry);

        // Act
        HttpResponse<String> nb = client.get(url);
        HttpResponse<String> en = client.get(url + "?lang=en");
        HttpResponse<String> post = client.postForm(url, Map.of("title", List.of("x")));

        // Assert
        assertThat(nb.statusCode()).isEqualTo(403);
        assertThat(nb.body()).contains("Lenken er utløpt", name, "kommunikasjonsteamet i bydelen");
        assertThat(en.statusCode()).isEqualTo(403);
        assertThat(en.body()).contains("This link has expired", "communication team of the district", "lang=\"en\"");
        assertThat(post.statusCode()).isEqualTo(403);
    }

    @Test
    void formNeedsItsOwnCsrfToken() {
        String url = client.linkUrl(client.unit(PublisherClient.unique("Sagene bydel")));
        String otherUrl = client.linkUrl(client.unit(PublisherClient.unique("Sagene bydel")));
        String tokenOfOtherLink = client.csrf(otherUrl);
        String own = client.csrf(url);
        String tampered = own.substring(0, own.length() - 3) + (own.endsWith("AAA") ? "BBB" : "AAA");

        for (String csrf : List.of("", "garbage", tokenOfOtherLink, tampered)) {
            HttpResponse<String> response = client.postForm(url,
                    PublisherClient.validPost(csrf, "Title", "sagene", "youth"));
            assertThat(response.statusCode()).as(csrf).isEqualTo(403);
            assertThat(response.body()).contains("Skjemaet kunne ikke sendes");
        }
        HttpResponse<String> none = client.postForm(url, Map.of("title", List.of("No token")));
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(client.postForm(url, PublisherClient.validPost(own, "Title", "sagene", "youth")).statusCode())
                .isEqualTo(303);
    }

    @Test
    void aVariantSpellingOfAUsedFormTokenMakesNoSecondPost() {
        // Arrange: an untrusted club, so the post waits for approval and nothing is pushed
        String org = client.external(PublisherClient.unique("Sagene sjakklubb"), false);
        String url = client.linkUrl(org);
        String csrf = client.csrf(url);
        String signed = csrf.substring(0, csrf.lastIndexOf('.') + 1);
        String mac = csrf.substring(csrf.lastIndexOf('.') + 1);
        client.submit(url, PublisherClient.validPost(csrf, "Turnering", "sagene", "sports-outdoors"));

        // Act: the same form again, its MAC spelled differently (same bytes to a lenient base64 decoder)
        List<Integer> statuses = Spellings.of(mac).stream().map(variant -> client.postForm(url,
                PublisherClient.validPost(signed + variant, "Turnering", "sagene", "sports-outdoors")).statusCode())
                .toList();

        // Assert
        assertThat(statuses).isNotEmpty().containsOnly(403);
        assertThat(postsOf(org)).isEqualTo(1);
    }

    @Test
    void aVariantSpellingOfALinkIsNotTheLink() {
        String url = client.linkUrl(client.unit(PublisherClient.unique("Sagene bydel")));
        String base = url.substring(0, url.lastIndexOf('/') + 1);
        String token = url.substring(url.lastIndexOf('/') + 1);
        String payload = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);

        List<String> variants = new java.util.ArrayList<>();
        Spellings.of(signature).forEach(v -> variants.add(payload + "." + v));
        Spellings.of(payload).forEach(v -> variants.add(v + "." + signature));

        assertThat(client.get(url).statusCode()).isEqualTo(200);
        for (String variant : variants) {
            // 403 the link page; a '/' spelling may not even reach the route (404)
            assertThat(client.get(base + java.net.URLEncoder.encode(variant, java.nio.charset.StandardCharsets.UTF_8))
                    .statusCode()).as(variant).isIn(403, 404);
        }
    }

    private long postsOf(String organizationId) {
        return client.stack.dynamoDb().scanPaginator(r -> r.tableName(client.stack.tableName("PostsTable"))
                        .filterExpression("organizationId = :org")
                        .expressionAttributeValues(Map.of(":org", AttributeValue.fromS(organizationId))))
                .items().stream().count();
    }

    private DynamoDbOrganizationStore organizations() {
        return new DynamoDbOrganizationStore(client.stack.dynamoDb(), client.stack.tableName("OrganizationsTable"));
    }

    private SigningKeys keys() {
        return SecretsManagerSigningSecret.load(client.stack.settingsOf("PublisherFunction"));
    }
}
