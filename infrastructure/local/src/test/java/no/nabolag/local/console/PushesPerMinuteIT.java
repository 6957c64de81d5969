package no.nabolag.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nabolag.aws.delivery.DynamoDbDeliveryFiguresStore;
import no.nabolag.core.delivery.DeliveryFiguresStore;
import no.nabolag.core.delivery.Figures;
import no.nabolag.core.post.DeliveryFigures;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.Test;

/**
 * The figures behind the console's and the admin API's delivery figures and "pushes over time" chart, on the real
 * DynamoDB emulator: each part of a delivery (an audience shard, a minute's deferral shard) writes its own item, the
 * readers sum them.
 */
class PushesPerMinuteIT {
    @Test
    void pagesOfSeveralPartsAddUpAndTheirSendsCountInTheMinuteOfTheirLastPush() {
        // Arrange
        LocalStack stack = LocalStack.shared();
        DeliveryFiguresStore figures = new DynamoDbDeliveryFiguresStore(stack.dynamoDb(),
                stack.tableName("DeliveryTable"));
        String postId = "it" + UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.parse("2026-11-28T20:15:10Z");

        // Act: two pages of frogner#00 in 20:15 and 20:16, one of sagene#03 in 20:15 with a deferral, and that
        // deferral sent later from its minute's shard
        figures.add(postId, "frogner#00", new Figures(3, 3, 0, 0, 0), now, now.plusSeconds(5));
        figures.add(postId, "frogner#00", new Figures(4, 3, 0, 1, 0), now.plusSeconds(55), now.plusSeconds(65));
        figures.add(postId, "sagene#03", new Figures(3, 1, 1, 0, 1), now.plusSeconds(20), now.plusSeconds(30));
        figures.add(postId, "DEFER#2026-11-28T21:00#07", Figures.SENT.afterDeferral(),
                Instant.parse("2026-11-28T21:01:02Z"), Instant.parse("2026-11-28T21:01:02Z"));

        // Assert
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        assertThat(figures.pushesPerMinute(postId)).containsExactly(Map.entry(minute, 4L),
                Map.entry(minute.plusSeconds(60), 3L), Map.entry(Instant.parse("2026-11-28T21:01:00Z"), 1L));
        DeliveryFigures total = figures.figures(postId);
        assertThat(total).isEqualTo(new DeliveryFigures(10, 8, 1, 1, 0, now,
                Instant.parse("2026-11-28T21:01:02Z")));
        assertThat(total.sent() + total.failed() + total.disabled() + total.deferred()).isEqualTo(total.matched());
        assertThat(figures.figures(List.of(postId, "never-delivered"))).containsEntry(postId, total)
                .containsEntry("never-delivered", new DeliveryFigures(0, 0, 0, 0, 0, null, null));
    }
}
