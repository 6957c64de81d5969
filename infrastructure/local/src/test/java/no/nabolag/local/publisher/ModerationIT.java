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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.Test;

/** The communication team's decisions: approve, reject, withdraw. */
class ModerationIT {
    private final PublisherClient client = new PublisherClient();

    private String pendingPost(String title, String publishAt) {
        String url = client.linkUrl(client.external(PublisherClient.unique("Sagene IF"), false));
        var fields = PublisherClient.validPost(client.csrf(url), title, "sagene", "sports-outdoors");
        if (publishAt != null) {
            fields.put("publishAt", List.of(publishAt));
        }
        return client.submit(url, fields);
    }

    @Test
    void pendingPostsAreQueuedAndApprovalPublishesThem() {
        String postId = pendingPost("Turløype åpner", null);

        JsonNode queue = client.json(client.admin("GET", "/admin/v1/tenants/oslo/posts?status=PENDING&limit=500", null));
        assertThat(queue.isArray()).isTrue();
        assertThat(queue.findValuesAsText("postId")).contains(postId);

        HttpResponse<String> approved = client.admin("POST", "/admin/v1/tenants/oslo/posts/" + postId + "/approve", null);

        assertThat(approved.statusCode()).isEqualTo(200);
        JsonNode post = client.post(postId);
        assertThat(post.get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(post.get("history").findValuesAsText("status")).containsExactly("PENDING", "ACCEPTED", "PUBLISHED");
        assertThat(post.get("delivery").has("matched")).isTrue();
        assertThat(feedHas("sagene", postId)).isTrue();
        assertThat(client.admin("POST", "/admin/v1/tenants/oslo/posts/" + postId + "/approve", null).statusCode()).isEqualTo(409);
    }

    @Test
    void approvalOfAPostForLaterSchedulesIt() {
        LocalDateTime at = LocalDateTime.now(ZoneId.of("Europe/Oslo")).plusDays(5).truncatedTo(ChronoUnit.MINUTES);
        String postId = pendingPost("Vårrydding", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(at));

        client.admin("POST", "/admin/v1/tenants/oslo/posts/" + postId + "/approve", null);

        assertThat(client.post(postId).get("status").asText()).isEqualTo("SCHEDULED");
    }

    @Test
    void rejectionNeedsAReasonWhichThePublisherSees() {
        String url = client.linkUrl(client.external(PublisherClient.unique("Sagene IF"), false));
        String postId = client.submit(url, PublisherClient.validPost(client.csrf(url), "Reklame", "sagene", "sports-outdoors"));

        assertThat(client.admin("POST", "/admin/v1/tenants/oslo/posts/" + postId + "/reject", "{}").statusCode()).isEqualTo(400);
        assertThat(client.admin("POST", "/admin/v1/tenants/oslo/posts/" + postId + "/reject", "{\"reason\":\"  \"}").statusCode())
                .isEqualTo(400);
        HttpResponse<String> rejected = client.admin("POST", "/admin/v1/tenants/oslo/posts/" + postId + "/reject",
                "{\"reason\":\"Kommersiell <b>reklame</b>\"}");

        assertThat(rejected.statusCode()).isEqualTo(200);
        JsonNode post = client.post(postId);
        assertThat(post.get("status").asText()).isEqualTo("REJECTED");
        assertThat(post.get("reason").asText()).isEqualTo("Kommersiell <b>reklame</b>");
        assertThat(client.get(url + "/receipts/" + postId).body())
                .contains("Avvist", "Kommersiell &lt;b&gt;reklame&lt;/b&gt;");
        assertThat(client.admin("POST", "/admin/v1/tenants/oslo/posts/" + postId + "/approve", null).statusCode()).isEqualTo(409);
    }

    @Test
    void withdrawalRemovesThePostFromEveryFeed() {
        String url = client.linkUrl(client.unit(PublisherClient.unique("Sagene bydel")));
        var fields = PublisherClient.validPost(client.csrf(url), "Feilmelding", "sagene", "youth");
        fields.put("district", List.of("sagene", "grunerlokka"));
        String postId = client.submit(url, fields);
        assertThat(feedHas("sagene", postId)).isTrue();
        assertThat(feedHas("grunerlokka", postId)).isTrue();

        HttpResponse<String> withdrawn = client.admin("POST", "/admin/v1/tenants/oslo/posts/" + postId + "/withdraw", null);

        assertThat(withdrawn.statusCode()).isEqualTo(200);
        assertThat(client.post(postId).get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(feedHas("sagene", postId)).isFalse();
        assertThat(feedHas("grunerlokka", postId)).isFalse();
        assertThat(client.get(url + "/receipts/" + postId).body()).contains("Trukket tilbake");
        assertThat(client.admin("POST", "/admin/v1/tenants/oslo/posts/" + postId + "/withdraw", null).statusCode()).isEqualTo(409);
    }

    private boolean feedHas(String districtId, String postId) {
        var items = client.stack.dynamoDb().queryPaginator(r -> r.tableName(client.stack.tableName("FeedTable"))
                .consistentRead(true).keyConditionExpression("districtId = :d")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(districtId)))).items();
        for (Map<String, AttributeValue> item : items) {
            if (item.containsKey("postId") && postId.equals(item.get("postId").s())) {
                return true;
            }
        }
        return false;
    }
}
