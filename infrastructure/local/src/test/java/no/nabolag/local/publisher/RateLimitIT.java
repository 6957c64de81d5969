package no.nabolag.local.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A link serves many posts, at most 30 an hour. */
class RateLimitIT {
    private final PublisherClient client = new PublisherClient();

    @Test
    void thirtyFirstPostWithinTheHourGetsA429PageWhileResentFormsCostNothingAndKeepTheirReceipts() {
        // Arrange: an untrusted club, so its posts wait for approval and nothing is pushed
        String url = client.linkUrl(client.external(PublisherClient.unique("Sagene sjakklubb"), false));
        String other = client.linkUrl(client.external(PublisherClient.unique("Sagene sjakklubb"), false));
        List<Map<String, List<String>>> forms = new ArrayList<>();

        // Act: 30 posts, each form sent twice (a double click); the second sending must not count
        for (int i = 1; i <= 30; i++) {
            var form = PublisherClient.validPost(client.csrf(url), "Turnering " + i, "sagene", "sports-outdoors");
            forms.add(form);
            String postId = client.submit(url, form);
            assertThat(client.submit(url, form)).isEqualTo(postId);
        }
        HttpResponse<String> limited = client.postForm(url,
                PublisherClient.validPost(client.csrf(url), "Turnering 31", "sagene", "sports-outdoors"));
        HttpResponse<String> resentAfterTheLimit = client.postForm(url, forms.get(0));

        // Assert
        assertThat(resentAfterTheLimit.statusCode()).isEqualTo(303);
        assertThat(resentAfterTheLimit.headers().firstValue("location")).hasValueSatisfying(
                location -> assertThat(location).contains("/receipts/"));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("For mange meldinger", "30");
        assertThat(limited.headers().firstValue("content-security-policy")).isPresent();
        assertThat(limited.headers().firstValue("retry-after")).isPresent();
        assertThat(client.postForm(other,
                PublisherClient.validPost(client.csrf(other), "Annen lenke", "sagene", "sports-outdoors")).statusCode())
                .isEqualTo(303);
    }
}
