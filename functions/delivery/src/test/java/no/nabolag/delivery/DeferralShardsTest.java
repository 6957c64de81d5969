package no.nabolag.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import no.nabolag.core.config.Settings;
import org.junit.jupiter.api.Test;

/** A minute's deferrals are spread over enough keys that releasing them keeps every ordinary worker busy. */
class DeferralShardsTest {
    @Test
    void theConfiguredCountIsUsedWhenItIsWholeRoundsOfAtLeastThreeKeysPerWorker() {
        assertThat(shards("32", "2")).isEqualTo(32);
        assertThat(shards("32", "4")).isEqualTo(32);
    }

    @Test
    void theCountIsRoundedUpToWholeRoundsOfTheWorkers() {
        assertThat(shards("32", "10")).isEqualTo(40);
        assertThat(shards("50", "4")).isEqualTo(52);
    }

    @Test
    void manyWorkersGetThreeKeysEachUpToTheTwoDigitsOfTheKey() {
        assertThat(shards("32", "30")).isEqualTo(90);
        assertThat(shards("32", "40")).isEqualTo(80);
        assertThat(shards("32", "100")).isEqualTo(99);
    }

    private static int shards(String configured, String workers) {
        return DeliveryHandler.deferralShards(Settings.of(Map.of("DEFERRAL_SHARDS", configured,
                "DELIVERY_CONCURRENCY", workers)));
    }

    @Test
    void theWritePaceFollowsTheKeysInUse() {
        // 90 keys at 500 writes/s each, shared by 30 workers.
        assertThat(DeliveryHandler.deferralWriteRate(Settings.of(Map.of("DEFERRAL_SHARDS", "32",
                "DELIVERY_CONCURRENCY", "30")))).isEqualTo(1_500.0);
    }
}
