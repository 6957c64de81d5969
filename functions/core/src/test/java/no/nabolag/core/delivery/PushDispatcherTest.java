package no.nabolag.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushDispatcherTest {
    private final Fakes.Gateway gateway = new Fakes.Gateway();
    private final List<Duration> pauses = new ArrayList<>();

    private PushDispatcher dispatcher(int retries) {
        return new PushDispatcher(gateway, TokenBucket.unlimited(), 4,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), retries, pauses::add));
    }

    private static List<PushMessage> pushes(int n) {
        List<PushMessage> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new PushMessage("p", "d" + i, "arn:" + i, "{}", Map.of()));
        }
        return list;
    }

    @Test
    void persistentThrottlingIsHandedBackAfterTheLastRetryNotDropped() {
        gateway.script = m -> PushOutcome.THROTTLED;

        Map<PushOutcome, List<PushMessage>> result = dispatcher(3).dispatch(pushes(5), () -> true, () -> { });

        assertThat(result.get(PushOutcome.THROTTLED)).hasSize(5);
        assertThat(pauses).hasSize(3).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(2)));
        assertThat(gateway.calls).isEqualTo(20);
    }

    @Test
    void noRetryWhenTimeIsUp() {
        gateway.script = m -> PushOutcome.THROTTLED;

        Map<PushOutcome, List<PushMessage>> result = dispatcher(5).dispatch(pushes(2), () -> false, () -> { });

        assertThat(result.get(PushOutcome.THROTTLED)).hasSize(2);
        assertThat(gateway.calls).isEqualTo(2);
    }

    @Test
    void everyPushAppearsOnceInTheResultAndOnlyThrottledOnesAreRetried() {
        gateway.script = m -> m.deviceId().equals("d1") ? PushOutcome.DISABLED
                : m.deviceId().equals("d2") ? PushOutcome.FAILED
                : m.deviceId().equals("d4") ? PushOutcome.UNAVAILABLE : PushOutcome.SENT;

        Map<PushOutcome, List<PushMessage>> result = dispatcher(3).dispatch(pushes(5), () -> true, () -> { });

        assertThat(result.get(PushOutcome.SENT)).extracting(PushMessage::deviceId).containsExactly("d0", "d3");
        assertThat(result.get(PushOutcome.DISABLED)).extracting(PushMessage::deviceId).containsExactly("d1");
        assertThat(result.get(PushOutcome.FAILED)).extracting(PushMessage::deviceId).containsExactly("d2");
        assertThat(result.get(PushOutcome.UNAVAILABLE)).extracting(PushMessage::deviceId).containsExactly("d4");
        assertThat(gateway.calls).isEqualTo(5);
    }

    @Test
    void aGatewayThatThrowsLeavesThePushToBeRetriedWithThePage() {
        PushDispatcher throwing = new PushDispatcher(m -> {
            throw new IllegalStateException("no connection");
        }, TokenBucket.unlimited(), 4, new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), 1, pauses::add));

        Map<PushOutcome, List<PushMessage>> result = throwing.dispatch(pushes(2), () -> true, () -> { });

        assertThat(result.get(PushOutcome.UNAVAILABLE)).hasSize(2);
    }
}
