package no.nabolag.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import no.nabolag.aws.post.DynamoDbPostStore;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.PostStore;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.Test;

/** The per-minute push series behind the console's "pushes over time" chart, on the real DynamoDB emulator. */
class PushesPerMinuteIT {
    @Test
    void deliveredPagesAddTheirSendsToTheMinuteOfTheirLastPush() {
        // Arrange
        LocalStack stack = LocalStack.shared();
        PostStore posts = new DynamoDbPostStore(stack.dynamoDb(), stack.tableName("PostsTable"));
        String postId = "it" + UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.parse("2026-11-28T20:15:10Z");
        posts.create(new Post(postId, "oslo", "o", "O", List.of("frogner"), List.of("youth"), "t", "b", null, null, null,
                false, null, null, now, now, PostStatus.PUBLISHED, now, null, List.of(), null));

        // Act: two pages in 20:15, one in 20:16, one page that sent nothing
        posts.addFigures(postId, new PostStore.FigureDelta(3, 3, 0, 0, 0, now, now.plusSeconds(5)));
        posts.addFigures(postId, new PostStore.FigureDelta(2, 1, 0, 1, 0, now.plusSeconds(20), now.plusSeconds(30)));
        posts.addFigures(postId, new PostStore.FigureDelta(4, 4, 0, 0, 0, now.plusSeconds(55), now.plusSeconds(65)));
        posts.addFigures(postId, new PostStore.FigureDelta(1, 0, 0, 0, 1, null, null));

        // Assert
        var series = posts.pushesPerMinute(postId);
        assertThat(series).containsExactly(
                java.util.Map.entry(now.truncatedTo(ChronoUnit.MINUTES), 4L),
                java.util.Map.entry(now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60), 4L));
        Post post = posts.find(postId).orElseThrow();
        assertThat(post.figures().sent()).isEqualTo(8);
        assertThat(post.figures().deferred()).isEqualTo(1);
        assertThat(post.figures().lastPushAt()).isEqualTo(now.plusSeconds(65));
    }
}
