package no.nabolag.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import no.nabolag.local.dynamodb.PartitionMonitor.PartitionKey;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Units per partition key per second, and when one key passes what one DynamoDB partition serves. */
class PartitionMonitorTest {
    private static final PartitionKey SAGENE = new PartitionKey("FeedTable", null, "sagene");
    private static final PartitionKey FROGNER = new PartitionKey("FeedTable", null, "frogner");
    private final PartitionMonitor monitor = new PartitionMonitor();

    @Test
    void thePeakIsTheBusiestSecondOfEachKey() {
        monitor.record(SAGENE, 300, 0, 100);
        monitor.record(SAGENE, 400, 0, 100);
        monitor.record(SAGENE, 500, 0, 101);
        monitor.record(FROGNER, 0, 2_000, 100);

        assertThat(monitor.hottest(10)).extracting(p -> p.key() + " " + p.peakWriteUnitsPerSecond() + " "
                + p.peakReadUnitsPerSecond() + " " + p.at())
                .containsExactly("sagene 700.0 0.0 1970-01-01T00:01:40Z", "frogner 0.0 2000.0 1970-01-01T00:01:40Z");
        assertThat(monitor.warnings()).isEmpty();
    }

    @Test
    void aKeyAboveAThousandWriteUnitsOrThreeThousandReadUnitsASecondIsWarnedOncePerSecond() {
        monitor.record(SAGENE, 600, 0, 7);
        monitor.record(SAGENE, 600, 0, 7);
        monitor.record(SAGENE, 600, 0, 7);
        monitor.record(FROGNER, 0, 3_001, 7);
        monitor.record(SAGENE, 1_001, 0, 8);

        assertThat(monitor.warnings()).hasSize(3);
        assertThat(monitor.warnings().get(0)).containsEntry("key", "sagene").containsEntry("writeUnitsPerSecond", 1200.0)
                .containsEntry("limitPerPartition", 1000.0).containsEntry("second", Instant.ofEpochSecond(7).toString());
        assertThat(monitor.warnings().get(1)).containsEntry("key", "frogner").containsEntry("readUnitsPerSecond", 3001.0);
        assertThat(monitor.hottest(1)).singleElement().satisfies(p -> assertThat(p.toJson())
                .containsEntry("table", "FeedTable").containsEntry("key", "sagene")
                .containsEntry("peakWriteUnitsPerSecond", 1800L).containsEntry("peakReadUnitsPerSecond", 0L)
                .containsEntry("at", "1970-01-01T00:00:07Z"));
    }

    @Test
    void unitsFollowItemSizes() {
        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("a"), "body",
                AttributeValue.fromS("x".repeat(2_000)));

        assertThat(PartitionMonitorInterceptor.itemSize(item)).isEqualTo(2 + 1 + 4 + 2_000);
        assertThat(PartitionMonitorInterceptor.units(PartitionMonitorInterceptor.itemSize(item), 1024)).isEqualTo(2);
        assertThat(PartitionMonitorInterceptor.units(PartitionMonitorInterceptor.itemSize(item), 4096)).isEqualTo(1);
        assertThat(PartitionMonitorInterceptor.units(0, 4096)).as("every request costs at least one unit").isEqualTo(1);
    }
}
