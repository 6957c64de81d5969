package no.nabolag.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import no.nabolag.core.config.Settings;
import org.junit.jupiter.api.Test;

/** A minute's deferrals are spread over enough keys that releasing them keeps every ordinary worker busy. */
class DeferralShardsTest {
    @Test
    void theConfiguredCountIsUsedWhileItIsAtLeastThreeKeysPerWorker() {
        assertThat(DeliveryHandler.deferralShards(Settings.of(Map.of("DEFERRAL_SHARDS", "32",
                "DELIVERY_CONCURRENCY", "10")))).isEqualTo(32);
    }

    @Test
    void manyWorkersGetThreeKeysEachUpToTheTwoDigitsOfTheKey() {
        assertThat(DeliveryHandler.deferralShards(Settings.of(Map.of("DEFERRAL_SHARDS", "32",
                "DELIVERY_CONCURRENCY", "30")))).isEqualTo(90);
        assertThat(DeliveryHandler.deferralShards(Settings.of(Map.of("DEFERRAL_SHARDS", "32",
                "DELIVERY_CONCURRENCY", "100")))).isEqualTo(99);
    }

    @Test
    void theWritePaceFollowsTheKeysInUse() {
        // 90 keys at 500 writes/s each, shared by 30 workers.
        assertThat(DeliveryHandler.deferralWriteRate(Settings.of(Map.of("DEFERRAL_SHARDS", "32",
                "DELIVERY_CONCURRENCY", "30")))).isEqualTo(1_500.0);
    }
}
