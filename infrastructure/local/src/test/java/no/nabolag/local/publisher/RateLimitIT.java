package no.nabolag.local.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A link serves many posts, at most 30 an hour. */
class RateLimitIT {
    private final PublisherClient client = new PublisherClient();

    @Test
    void thirtyFirstPostWithinTheHourGetsA429Page() {
        // Arrange: an untrusted club, so its posts wait for approval and nothing is pushed
        String url = client.linkUrl(client.external(PublisherClient.unique("Sagene sjakklubb"), false));
        String other = client.linkUrl(client.external(PublisherClient.unique("Sagene sjakklubb"), false));

        // Act
        for (int i = 1; i <= 30; i++) {
            client.submit(url, PublisherClient.validPost(client.csrf(url), "Turnering " + i, "sagene", "sports-outdoors"));
        }
        HttpResponse<String> limited = client.postForm(url,
                PublisherClient.validPost(client.csrf(url), "Turnering 31", "sagene", "sports-outdoors"));

        // Assert
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("For mange meldinger", "30");
        assertThat(limited.headers().firstValue("content-security-policy")).isPresent();
        assertThat(limited.headers().firstValue("retry-after")).isPresent();
        assertThat(client.postForm(other,
                PublisherClient.validPost(client.csrf(other), "Annen lenke", "sagene", "sports-outdoors")).statusCode())
                .isEqualTo(303);
    }
}
