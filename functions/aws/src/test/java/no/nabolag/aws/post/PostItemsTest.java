package no.nabolag.aws.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.StateChange;
import org.junit.jupiter.api.Test;

class PostItemsTest {

    @Test
    void aPostSurvivesTheRoundTripThroughItsDynamoDbItem() {
        Instant created = Instant.parse("2026-11-28T10:00:00Z");
        Post post = new Post("p1", "oslo", "org1", "Frogner bibliotek", List.of("frogner", "ullern"),
                List.of("culture-events"), "<script>alert(1)</script>", "Line one\nLine two", "Title", "Body",
                "https://example.org", true, null, Instant.parse("2026-12-01T10:00:00Z"), created, created,
                PostStatus.ACCEPTED, created, null,
                List.of(new StateChange(PostStatus.ACCEPTED, created, "link:abc", null)), null);

        Post back = PostItems.fromItem(PostItems.toItem(post));

        assertThat(back).isEqualTo(post);
    }

    @Test
    void residentsWhoDoNotReadNorwegianGetTheEnglishVersionWhenThereIsOne() {
        assertThat(Post.wantsEnglish("en")).isTrue();
        assertThat(Post.wantsEnglish("pl-PL")).isTrue();
        assertThat(Post.wantsEnglish("nb")).isFalse();
        assertThat(Post.wantsEnglish("nn_NO")).isFalse();
        assertThat(Post.wantsEnglish(null)).isFalse();
    }
}
